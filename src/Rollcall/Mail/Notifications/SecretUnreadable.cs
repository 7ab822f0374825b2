namespace Rollcall.Mail.Notifications;

/// <summary>
/// Rollcall can no longer decrypt the stored Personio secret (its Data Protection key is lost): syncing stopped until
/// an admin enters the credentials again. Once per connection.
/// </summary>
internal sealed record SecretUnreadable(Guid CompanyId, DateTime? ConnectedAt) : AdminNotification, INotificationKind<SecretUnreadable>
{
    public static string TopicCode => "secret_unreadable";
    public static NotificationLabel Label => new("Stored Personio secret unreadable", "Gespeichertes Personio-Secret nicht lesbar");
    public override string IdempotencyKey => $"secret-unreadable:{CompanyId}:{ConnectedAt:O}";
    public override NotificationArguments Arguments => new NotificationArguments().With("company", CompanyId).With("connectedAt", ConnectedAt);
    public override string Link => IntegrationPage;

    public static SecretUnreadable From(NotificationArguments arguments) => new(arguments.Id("company"), arguments.Date("connectedAt"));

    protected override NotificationText German => new(
        "Personio-Zugangsdaten neu eingeben ({0})",
        "Rollcall kann das gespeicherte Personio-Secret nicht mehr lesen: Der Schlüssel, mit dem es verschlüsselt wurde, fehlt (der Schlüsselbund wurde gelöscht oder sein Zertifikat ist nicht mehr eingerichtet). Der Abgleich ist angehalten und es wurde nichts geändert. Geben Sie unter Integrationen > Personio die Zugangsdaten erneut ein.",
        "Integration öffnen");

    protected override NotificationText English => new(
        "Enter the Personio credentials again ({0})",
        "Rollcall can no longer read the stored Personio secret: the key it was encrypted with is missing (the key ring was deleted, or its certificate is no longer configured). Syncing has stopped and nothing was changed. Enter the credentials again under Integrations > Personio.",
        "Open the integration");
}
