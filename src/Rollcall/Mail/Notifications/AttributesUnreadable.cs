namespace Rollcall.Mail.Notifications;

/// <summary>
/// Mapped attributes Personio no longer lets the credentials read; their fields keep their values. Once per change of
/// the unreadable set.
/// </summary>
internal sealed record AttributesUnreadable(Guid CompanyId, IReadOnlyCollection<string> AttributeKeys, Guid RunId) : AdminNotification, INotificationKind<AttributesUnreadable>
{
    public static string TopicCode => "attributes_unreadable";
    public static NotificationLabel Label => new("Attributes no longer readable", "Attribute nicht mehr lesbar");
    public override string IdempotencyKey => $"attributes-unreadable:{CompanyId}:{string.Join(",", Sorted)}:{RunId}";
    public override NotificationArguments Arguments =>
        new NotificationArguments().With("company", CompanyId).With("attributes", string.Join(",", Sorted)).With("run", RunId);
    public override string Link => IntegrationPage;

    public static AttributesUnreadable From(NotificationArguments arguments) =>
        new(arguments.Id("company"), arguments.Text("attributes").Split(','), arguments.Id("run"));

    private IEnumerable<string> Sorted => AttributeKeys.Order(StringComparer.Ordinal);

    private bool One => AttributeKeys.Count == 1;

    protected override NotificationText German => new(
        "Personio-Attribute nicht mehr lesbar ({0})",
        One
            ? $"Personio lässt die Zugangsdaten das zugeordnete Attribut {string.Join(", ", Sorted)} nicht mehr lesen. Dieses Feld behält seinen Wert, bis das Attribut wieder lesbar ist."
            : $"Personio lässt die Zugangsdaten die zugeordneten Attribute {string.Join(", ", Sorted)} nicht mehr lesen. Diese Felder behalten ihre Werte, bis die Attribute wieder lesbar sind.",
        "Integration öffnen");

    protected override NotificationText English => new(
        "Personio attributes no longer readable ({0})",
        One
            ? $"Personio no longer lets the credentials read the mapped attribute {string.Join(", ", Sorted)}. Its field keeps its value until the attribute is readable again."
            : $"Personio no longer lets the credentials read the mapped attributes {string.Join(", ", Sorted)}. Those fields keep their values until the attributes are readable again.",
        "Open the integration");
}
