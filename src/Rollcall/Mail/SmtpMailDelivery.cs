using Microsoft.Extensions.Options;

namespace Rollcall.Mail;

/// <summary>SMTP through MailKit: each dispatcher pass gets a session that keeps one connection open across its messages.</summary>
internal sealed class SmtpMailDelivery(IOptions<MailOptions> options, MailMetrics metrics, ILogger<SmtpMailDelivery> log) : IMailDelivery
{
    public IMailSession Open() => new SmtpMailSession(options.Value.Smtp, metrics, log);
}
