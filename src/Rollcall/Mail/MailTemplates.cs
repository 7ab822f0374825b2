using Rollcall.Data.Companies;

namespace Rollcall.Mail;

/// <summary>
/// The wording of every email, German and English side by side: an email is one document read as a whole, so a
/// translator sees both versions of it together (docs/decisions/ADR-009). Placeholders: {0} company, then per text.
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

    public static MailTemplate Notification(string topic, CompanyLanguage language)
    {
        var de = language == CompanyLanguage.De;
        var (subject, body, action) = topic switch
        {
            MailTopics.ApprovalNeeded => de
                ? ("Personio-Abgleich wartet auf Freigabe ({0})", "Ein Abgleich mit Personio würde mehr Benutzer deaktivieren als erlaubt. Die Deaktivierungen warten auf Ihre Freigabe.", "Lauf ansehen")
                : ("A Personio sync waits for approval ({0})", "A sync with Personio would deactivate more users than the threshold allows. The deactivations wait for your approval.", "Review the run"),
            MailTopics.CredentialsRejected => de
                ? ("Personio-Zugangsdaten abgelehnt ({0})", "Personio hat die gespeicherten API-Zugangsdaten abgelehnt (neu erzeugt, deaktiviert oder gelöscht). Der Abgleich ist angehalten und es wurde nichts geändert. Geben Sie unter Integrationen > Personio neue Zugangsdaten ein.", "Integration öffnen")
                : ("Personio rejected the credentials ({0})", "Personio rejected the stored API credentials (regenerated, disabled or deleted). Syncing has stopped and nothing was changed. Enter new credentials under Integrations > Personio.", "Open the integration"),
            MailTopics.RunsFailing => de
                ? ("Personio-Abgleich schlägt wiederholt fehl ({0})", "Zwei Abgleiche mit Personio hintereinander sind fehlgeschlagen.", "Verlauf ansehen")
                : ("Personio syncs keep failing ({0})", "Two syncs with Personio in a row have failed.", "See the history"),
            MailTopics.AttributesUnreadable => de
                ? ("Personio-Attribute nicht mehr lesbar ({0})", "Personio lässt die Zugangsdaten zugeordnete Attribute nicht mehr lesen. Diese Felder behalten ihre Werte, bis die Attribute wieder lesbar sind.", "Integration öffnen")
                : ("Personio attributes no longer readable ({0})", "Personio no longer lets the credentials read mapped attributes. Those fields keep their values until the attributes are readable again.", "Open the integration"),
            MailTopics.InvitationsHeld => de
                ? ("Einladungen warten auf Freigabe ({0})", "Ein Abgleich hat mehr Einladungen erzeugt als die Obergrenze pro Lauf. Die übrigen werden erst nach Ihrer Freigabe versendet.", "Einladungen ansehen")
                : ("Invitations wait for release ({0})", "A sync created more invitations than the per-run cap. The rest are sent only after you release them.", "See the invitations"),
            _ => de
                ? ("Nachricht von Rollcall ({0})", "Rollcall meldet ein Ereignis, das Ihre Aufmerksamkeit braucht.", "Rollcall öffnen")
                : ("Message from Rollcall ({0})", "Rollcall reports something that needs your attention.", "Open Rollcall"),
        };
        return new MailTemplate(subject, de ? "Hallo," : "Hello,", body, action,
            de ? "Sie erhalten diese E-Mail als Administrator von {0} in Rollcall." : "You receive this email as an admin of {0} in Rollcall.");
    }

    public static string DetailLabel(CompanyLanguage language) => language == CompanyLanguage.De ? "Einzelheiten" : "Details";
}
