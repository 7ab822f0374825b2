using System.ComponentModel.DataAnnotations;
using System.Net;
using MimeKit;

namespace Rollcall.Mail;

/// <summary>How Rollcall sends email. Section <c>Mail</c>. The folder sink is the embedded default; SMTP is for real use.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public MailDeliveryKind Delivery { get; set; } = MailDeliveryKind.Folder;

    /// <summary>Whether this node sends the outbox's messages; off for a node that should only serve the UI and API.</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>Where the folder sink writes one <c>.eml</c> file per message (relative to the working directory).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Folder { get; set; } = "data/mail";

    /// <summary>Shows the folder sink's messages at <c>/mailbox</c> to any signed-in account: for the demo only.</summary>
    public bool ShowMailbox { get; set; }

    /// <summary>The sender, e.g. <c>Rollcall &lt;rollcall@example.com&gt;</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string From { get; set; } = "Rollcall <rollcall@localhost>";

    /// <summary>Where people reach Rollcall: links in emails start with it. https, except for a loopback host.</summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:5000");

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>An absolute link under <see cref="PublicBaseUrl"/>, which may itself have a path (<c>https://acme.example/rollcall</c>).</summary>
    public Uri LinkTo(string relative) =>
        new(PublicBaseUrl.AbsoluteUri.EndsWith('/') ? PublicBaseUrl : new Uri(PublicBaseUrl.AbsoluteUri + "/"), relative);

    /// <summary>The longest one message may take to send: the dispatcher gives up on it after this.</summary>
    public TimeSpan SendBudget => Smtp.Timeout * 4;

    /// <summary>How long an invitation link can be used.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "90.00:00:00")]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the dispatcher looks for messages due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages claimed at once; claims lapse after <see cref="ClaimDuration"/> if a node dies holding them.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Outcomes (sent, retry at, given up, cancelled) recorded together in one transaction: after this many messages, after
    /// <see cref="OutcomeGroupAge"/>, at the end of each batch and on shutdown. A crash before a group is recorded sends that
    /// group's messages again, with the same Message-IDs (ADR-026); 1 records every message as soon as it is handled.
    /// </summary>
    [Range(1, 1000)]
    public int OutcomeGroupSize { get; set; } = 50;

    /// <summary>The longest an outcome waits to be recorded with its group.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan OutcomeGroupAge { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts before a message is given up and shown to admins as failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failed attempt; doubles each time, with ±20 % jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(2);

    public IEnumerable<string> Problems()
    {
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return "Mail:From must be an email address, optionally with a name: Rollcall <rollcall@example.com>.";
        }

        if (!PublicBaseUrl.IsAbsoluteUri || !(PublicBaseUrl.Scheme == Uri.UriSchemeHttps || (PublicBaseUrl.Scheme == Uri.UriSchemeHttp && IsLoopback(PublicBaseUrl.Host))))
        {
            yield return "Mail:PublicBaseUrl must be an https URL (plain http only for localhost).";
        }

        if (RetryMaxDelay < RetryBaseDelay)
        {
            yield return "Mail:RetryMaxDelay must not be shorter than Mail:RetryBaseDelay.";
        }

        // Data annotations reach only the section's own properties: the SMTP ones are checked here.
        var smtp = new List<ValidationResult>();
        if (!Validator.TryValidateObject(Smtp, new ValidationContext(Smtp), smtp, validateAllProperties: true))
        {
            foreach (var result in smtp)
            {
                yield return $"Mail:Smtp: {result.ErrorMessage}";
            }
        }

        if (ShowMailbox && Delivery != MailDeliveryKind.Folder)
        {
            yield return "Mail:ShowMailbox needs Mail:Delivery=Folder.";
        }

        if (Delivery == MailDeliveryKind.Smtp)
        {
            foreach (var problem in Smtp.Problems())
            {
                yield return problem;
            }

            if (ClaimDuration <= SendBudget)
            {
                yield return "Mail:ClaimDuration must be longer than four times Mail:Smtp:Timeout, or another node could take over a message being sent.";
            }
        }
    }

    internal static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}

public enum MailDeliveryKind
{
    /// <summary>Each message is written to <see cref="MailOptions.Folder"/> as an .eml file; nothing leaves the machine.</summary>
    Folder,
    Smtp,
}

/// <summary>Section <c>Mail:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>StartTls (port 587) or SslOnConnect (port 465). None is accepted only for a loopback host.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? User { get; set; }
    public string? Password { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Messages sent over one connection before it is closed and a new one opened: below the relay's own per-connection limit
    /// (a relay at its limit closes the connection or answers 4xx; the message then goes again on a new connection).
    /// </summary>
    [Range(1, 10_000)]
    public int MessagesPerConnection { get; set; } = 100;

    /// <summary>
    /// SHA-256 fingerprint (hex) of a server certificate to accept although no trusted authority issued it: for an internal
    /// relay with a certificate of its own. Without it, only certificates the machine trusts are accepted.
    /// </summary>
    [RegularExpression("^[0-9A-Fa-f:]{64,95}$")]
    public string? CertificateFingerprint { get; set; }

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return "Mail:Smtp:Host is required when Mail:Delivery=Smtp.";
            yield break;
        }

        if (string.IsNullOrEmpty(User) != string.IsNullOrEmpty(Password))
        {
            yield return "Mail:Smtp:User and Mail:Smtp:Password go together: set both or neither.";
        }

        if (Security == SmtpSecurity.None && !MailOptions.IsLoopback(Host))
        {
            yield return "Mail:Smtp:Security=None is accepted only for a loopback host: mail to other hosts travels over TLS.";
        }
    }
}

public enum SmtpSecurity
{
    StartTls,
    SslOnConnect,
    None,
}
