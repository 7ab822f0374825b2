using MimeKit;

namespace Rollcall.Mail;

/// <summary>Hands rendered messages to the world: SMTP in production, a folder for local use and the demo.</summary>
public interface IMailDelivery
{
    /// <summary>
    /// A session for one dispatcher pass; SMTP keeps one connection open across its messages. Nothing is connected until
    /// the first message; disposing the session closes what it opened.
    /// </summary>
    IMailSession Open();
}

/// <summary>Sends messages one after another, never two at once.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <summary>
    /// Returns once the message was accepted, or throws; a <see cref="MailDeliveryException"/> says whether trying again can
    /// help.
    /// </summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>A delivery that failed; <see cref="Permanent"/> failures (a refused recipient) are not retried.</summary>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
