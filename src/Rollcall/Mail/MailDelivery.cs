using MimeKit;

namespace Rollcall.Mail;

/// <summary>Hands one rendered message to the world: SMTP in production, a folder for local use and the demo.</summary>
public interface IMailDelivery
{
    /// <summary>Sends the message or throws; a <see cref="MailDeliveryException"/> says whether trying again can help.</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>A delivery that failed; <see cref="Permanent"/> failures (a refused recipient) are not retried.</summary>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
