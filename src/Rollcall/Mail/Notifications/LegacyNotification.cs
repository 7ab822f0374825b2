using Rollcall.Data.Companies;

namespace Rollcall.Mail.Notifications;

/// <summary>
/// Rows queued before notifications were typed carry an English sentence as their detail and no arguments: they are
/// sent as they would have been then, with the wording of that time and the sentence as a "Details" line. Remove once
/// no such row can be pending or failed any more.
/// </summary>
internal static class LegacyNotification
{
    public static NotificationText Text(string? topic, CompanyLanguage language)
    {
        var de = language == CompanyLanguage.De;
        var (subject, body, action) = topic switch
        {
            "approval_needed" => de
                ? ("Personio-Abgleich wartet auf Freigabe ({0})", "Ein Abgleich mit Personio würde mehr Benutzer deaktivieren als erlaubt. Die Deaktivierungen warten auf Ihre Freigabe.", "Lauf ansehen")
                : ("A Personio sync waits for approval ({0})", "A sync with Personio would deactivate more users than the threshold allows. The deactivations wait for your approval.", "Review the run"),
            "credentials_rejected" => de
                ? ("Personio-Zugangsdaten abgelehnt ({0})", "Personio hat die gespeicherten API-Zugangsdaten abgelehnt (neu erzeugt, deaktiviert oder gelöscht). Der Abgleich ist angehalten und es wurde nichts geändert. Geben Sie unter Integrationen > Personio neue Zugangsdaten ein.", "Integration öffnen")
                : ("Personio rejected the credentials ({0})", "Personio rejected the stored API credentials (regenerated, disabled or deleted). Syncing has stopped and nothing was changed. Enter new credentials under Integrations > Personio.", "Open the integration"),
            "runs_failing" => de
                ? ("Personio-Abgleich schlägt wiederholt fehl ({0})", "Zwei Abgleiche mit Personio hintereinander sind fehlgeschlagen.", "Verlauf ansehen")
                : ("Personio syncs keep failing ({0})", "Two syncs with Personio in a row have failed.", "See the history"),
            "attributes_unreadable" => de
                ? ("Personio-Attribute nicht mehr lesbar ({0})", "Personio lässt die Zugangsdaten zugeordnete Attribute nicht mehr lesen. Diese Felder behalten ihre Werte, bis die Attribute wieder lesbar sind.", "Integration öffnen")
                : ("Personio attributes no longer readable ({0})", "Personio no longer lets the credentials read mapped attributes. Those fields keep their values until the attributes are readable again.", "Open the integration"),
            "invitations_held" => de
                ? ("Einladungen warten auf Freigabe ({0})", "Ein Abgleich hat mehr Einladungen erzeugt als die Obergrenze pro Lauf. Die übrigen werden erst nach Ihrer Freigabe versendet.", "Einladungen ansehen")
                : ("Invitations wait for release ({0})", "A sync created more invitations than the per-run cap. The rest are sent only after you release them.", "See the invitations"),
            _ => de
                ? ("Nachricht von Rollcall ({0})", "Rollcall meldet ein Ereignis, das Ihre Aufmerksamkeit braucht.", "Rollcall öffnen")
                : ("Message from Rollcall ({0})", "Rollcall reports something that needs your attention.", "Open Rollcall"),
        };
        return new NotificationText(subject, body, action);
    }

    public static string? DetailLine(string? detail, CompanyLanguage language) =>
        detail is null ? null : $"{(language == CompanyLanguage.De ? "Einzelheiten" : "Details")}: {detail}";

    /// <summary>Below the company's pages, as <see cref="AdminNotification.Link"/>.</summary>
    public static string LinkOf(string? topic, Guid? runId) => topic switch
    {
        "approval_needed" when runId is { } run => $"runs/{run}",
        "runs_failing" => "runs",
        "invitations_held" => "mail",
        _ => "integrations/personio",
    };
}
