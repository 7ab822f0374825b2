namespace Rollcall.Mail.Notifications;

/// <summary>Personio refused the stored credentials: syncing stopped until an admin enters new ones. Once per connection.</summary>
internal sealed record CredentialsRejected(Guid CompanyId, DateTime? ConnectedAt) : AdminNotification, INotificationKind<CredentialsRejected>
{
    public static string TopicCode => "credentials_rejected";
    public static NotificationLabel Label => new("Personio rejected the credentials", "Personio hat die Zugangsdaten abgelehnt");
    public override string IdempotencyKey => $"credentials-rejected:{CompanyId}:{ConnectedAt:O}";
    public override NotificationArguments Arguments => new NotificationArguments().With("company", CompanyId).With("connectedAt", ConnectedAt);
    public override string Link => IntegrationPage;

    public static CredentialsRejected From(NotificationArguments arguments) => new(arguments.Id("company"), arguments.Date("connectedAt"));

    protected override NotificationText German => new(
        "Personio-Zugangsdaten abgelehnt ({0})",
        "Personio hat die gespeicherten API-Zugangsdaten abgelehnt (neu erzeugt, deaktiviert oder gelöscht). Der Abgleich ist angehalten und es wurde nichts geändert. Geben Sie unter Integrationen > Personio neue Zugangsdaten ein.",
        "Integration öffnen");

    protected override NotificationText English => new(
        "Personio rejected the credentials ({0})",
        "Personio rejected the stored API credentials (regenerated, disabled or deleted). Syncing has stopped and nothing was changed. Enter new credentials under Integrations > Personio.",
        "Open the integration");
}
