using Rollcall.Data.Companies;
using Rollcall.Mail.Notifications;

namespace Rollcall.Mail;

/// <summary>
/// The wording of every email, German and English side by side: an email is one document read as a whole, so a
/// translator sees both versions of it together (docs/decisions/ADR-009). Placeholders: {0} company, then per text.
/// Each admin notification keeps its own wording next to its record (<see cref="AdminNotification"/>).
/// </summary>
internal sealed record MailTemplate(string Subject, string Greeting, string Body, string Action, string Footer);

internal static class MailTemplates
{
    public static MailTemplate Invitation(CompanyLanguage language) => language == CompanyLanguage.De
        ? new("Einladung zu {0}",
            "Hallo {1},",
            "{0} hat Sie eingeladen, Ihr Konto bei Rollcall einzurichten. Wählen Sie über den folgenden Link ein Passwort; der Link gilt einmal und bis {2}.",
            "Einladung annehmen",
            "Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.")
        : new("Your invitation to {0}",
            "Hello {1},",
            "{0} has invited you to set up your Rollcall account. Choose a password through the link below; it works once and until {2}.",
            "Accept the invitation",
            "If you did not expect this invitation, you can ignore this email.");

    /// <summary>Shown above an invitation sent to the admins because the company's test mode is on.</summary>
    public static string TestModeNote(CompanyLanguage language) => language == CompanyLanguage.De
        ? "Testmodus: Diese Einladung ist für {0} bestimmt und wurde stattdessen an die Administratoren gesendet. Ihr Link zeigt die Seite, kann aber nicht angenommen werden."
        : "Test mode: this invitation is meant for {0} and was sent to the admins instead. Its link shows the page but cannot be accepted.";

    /// <summary>The frame of every admin notification; its subject, body and action come from the notification itself.</summary>
    public static MailTemplate Notification(NotificationText text, CompanyLanguage language, bool personal = false) => (language, personal) switch
    {
        (CompanyLanguage.De, false) => new(text.Subject, "Hallo,", text.Body, text.Action, "Sie erhalten diese E-Mail als Administrator von {0} in Rollcall."),
        (CompanyLanguage.De, true) => new(text.Subject, "Hallo,", text.Body, text.Action, "Sie erhalten diese E-Mail als Benutzer von {0} in Rollcall."),
        (_, false) => new(text.Subject, "Hello,", text.Body, text.Action, "You receive this email as an admin of {0} in Rollcall."),
        _ => new(text.Subject, "Hello,", text.Body, text.Action, "You receive this email as a user of {0} in Rollcall."),
    };
}
