using System.Globalization;
using Rollcall.Data.Companies;

namespace Rollcall.Mail.Notifications;

/// <summary>
/// An email to a company's admins about one cause. Each kind is a record built from what its cause is; from that it
/// makes its idempotency key (one cause, at most one email, across runs and nodes), its language-neutral
/// <see cref="Arguments"/>, which the outbox row keeps, its link and its wording in German and English. The email is
/// rendered when it is sent, from the arguments read back (<see cref="AdminNotifications.Read"/>), in the company's
/// language then.
/// </summary>
internal abstract record AdminNotification
{
    protected static readonly CultureInfo De = CultureInfo.GetCultureInfo("de-DE");
    protected static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    protected const string IntegrationPage = "integrations/personio";
    protected const string MailPage = "mail";

    /// <summary>The topic code stored with the message (the kind's <see cref="INotificationKind{TSelf}.TopicCode"/>).</summary>
    public string Topic => AdminNotifications.TopicOf(GetType());

    public abstract string IdempotencyKey { get; }

    public abstract NotificationArguments Arguments { get; }

    /// <summary>Where the email's button leads, below the company's pages (<c>companies/{id}/</c>).</summary>
    public abstract string Link { get; }

    /// <summary>
    /// The one address this copy goes to instead of the admins (a person told about a change to their own data); its
    /// link then leads below the public base address, not the company's pages.
    /// </summary>
    public virtual string? PersonalRecipient { get; init; }

    /// <summary>The sync run the outbox row names, if any.</summary>
    public virtual Guid? CausingRunId => null;

    /// <summary>Subject, body and action label; <c>{0}</c> in the subject is the company's name.</summary>
    protected abstract NotificationText German { get; }

    protected abstract NotificationText English { get; }

    public NotificationText Text(CompanyLanguage language) => language == CompanyLanguage.De ? German : English;

    protected static string RunPage(Guid runId) => $"runs/{runId}";
}

/// <summary>A notification's words in one language.</summary>
internal sealed record NotificationText(string Subject, string Body, string Action);
