namespace Rollcall.Mail.Notifications;

/// <summary>A run went over the company's per-run invitation cap: the rest wait for an admin to release them. Once per run.</summary>
internal sealed record InvitationsHeld(Guid RunId, int Cap) : AdminNotification, INotificationKind<InvitationsHeld>
{
    public static string TopicCode => "invitations_held";
    public static NotificationLabel Label => new("Invitations held", "Einladungen zurückgehalten");
    public override string IdempotencyKey => KeyOf(RunId);
    public override NotificationArguments Arguments => new NotificationArguments().With("run", RunId).With("cap", Cap);
    public override string Link => MailPage;
    public override Guid? CausingRunId => RunId;

    public static string KeyOf(Guid runId) => $"invitations-held:{runId}";

    public static InvitationsHeld From(NotificationArguments arguments) => new(arguments.Id("run"), arguments.Number("cap"));

    protected override NotificationText German => new(
        "Einladungen warten auf Freigabe ({0})",
        string.Create(De, $"Ein Abgleich hat mehr Einladungen erzeugt als die Obergrenze von {Cap:N0} pro Lauf. Die übrigen werden erst nach Ihrer Freigabe versendet."),
        "Einladungen ansehen");

    protected override NotificationText English => new(
        "Invitations wait for release ({0})",
        string.Create(En, $"A sync created more invitations than the per-run cap of {Cap:N0}. The rest are sent only after you release them."),
        "See the invitations");
}
