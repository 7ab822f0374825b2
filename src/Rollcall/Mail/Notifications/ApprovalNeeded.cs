namespace Rollcall.Mail.Notifications;

/// <summary>A run tripped the mass-change guard: its deactivations wait for an admin's approval.</summary>
internal sealed record ApprovalNeeded(Guid RunId, int HeldCount) : AdminNotification, INotificationKind<ApprovalNeeded>
{
    public static string TopicCode => "approval_needed";
    public static NotificationLabel Label => new("Run waits for approval", "Lauf wartet auf Genehmigung");
    public override string IdempotencyKey => $"approval-needed:{RunId}";
    public override NotificationArguments Arguments => new NotificationArguments().With("run", RunId).With("held", HeldCount);
    public override string Link => RunPage(RunId);
    public override Guid? CausingRunId => RunId;

    public static ApprovalNeeded From(NotificationArguments arguments) => new(arguments.Id("run"), arguments.Number("held"));

    protected override NotificationText German => new(
        "Personio-Abgleich wartet auf Freigabe ({0})",
        string.Create(De, $"Ein Abgleich mit Personio würde {HeldCount:N0} Benutzer deaktivieren, mehr als der Schwellenwert erlaubt. Die Deaktivierungen warten auf Ihre Freigabe."),
        "Lauf ansehen");

    protected override NotificationText English => new(
        "A Personio sync waits for approval ({0})",
        string.Create(En, $"A sync with Personio would deactivate {HeldCount:N0} {(HeldCount == 1 ? "user" : "users")}, more than the threshold allows. The deactivations wait for your approval."),
        "Review the run");
}
