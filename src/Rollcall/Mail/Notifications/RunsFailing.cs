using Rollcall.Personio;

namespace Rollcall.Mail.Notifications;

/// <summary>
/// Two runs in a row failed (once per streak: the key names the first of the two). Carries what failed as codes,
/// <paramref name="Source"/> and <paramref name="Failure"/> (a <see cref="PersonioFailure"/> name); the run page shows
/// the full reason.
/// </summary>
internal sealed record RunsFailing(Guid CompanyId, Guid LastFailedRunId, Guid RunId, string Source, string Failure) : AdminNotification, INotificationKind<RunsFailing>
{
    public static string TopicCode => "runs_failing";
    public static NotificationLabel Label => new("Syncs keep failing", "Synchronisationen schlagen wiederholt fehl");
    public override string IdempotencyKey => $"runs-failing:{CompanyId}:{LastFailedRunId}";
    public override NotificationArguments Arguments => new NotificationArguments()
        .With("company", CompanyId).With("previousRun", LastFailedRunId).With("run", RunId).With("source", Source).With("failure", Failure);
    public override string Link => RunPage(RunId);
    public override Guid? CausingRunId => RunId;

    public static RunsFailing From(NotificationArguments arguments) => new(arguments.Id("company"), arguments.Id("previousRun"), arguments.Id("run"),
        arguments.Text("source"), arguments.Text("failure"));

    private PersonioFailure? Known => Enum.TryParse<PersonioFailure>(Failure, out var failure) ? failure : null;

    protected override NotificationText German => new(
        "Personio-Abgleich schlägt wiederholt fehl ({0})",
        "Zwei Abgleiche mit Personio hintereinander sind fehlgeschlagen" + Known switch
        {
            PersonioFailure.InvalidCredentials => ", der letzte, weil Personio die Zugangsdaten abgelehnt hat.",
            PersonioFailure.MissingPermission => ", der letzte, weil die Zugangsdaten keine Mitarbeitenden lesen dürfen.",
            PersonioFailure.AttributesNotReadable => ", der letzte, weil die Zugangsdaten ein benötigtes Attribut nicht lesen können.",
            PersonioFailure.RateLimited => ", der letzte, weil Personio auch nach mehreren Versuchen zu viele Anfragen gemeldet hat.",
            PersonioFailure.Unavailable => ", der letzte, weil Personio auch nach mehreren Versuchen nicht erreichbar war.",
            PersonioFailure.MalformedResponse => ", der letzte, weil Personio unvollständig oder anders als dokumentiert geantwortet hat.",
            _ => ".",
        },
        "Letzten Lauf ansehen");

    protected override NotificationText English => new(
        "Personio syncs keep failing ({0})",
        "Two syncs with Personio in a row have failed" + Known switch
        {
            PersonioFailure.InvalidCredentials => ", the latest because Personio rejected the credentials.",
            PersonioFailure.MissingPermission => ", the latest because the credentials may not read employees.",
            PersonioFailure.AttributesNotReadable => ", the latest because the credentials cannot read an attribute the sync needs.",
            PersonioFailure.RateLimited => ", the latest because Personio still reported too many requests after several tries.",
            PersonioFailure.Unavailable => ", the latest because Personio could not be reached, even after several tries.",
            PersonioFailure.MalformedResponse => ", the latest because Personio's answer was incomplete or not as documented.",
            _ => ".",
        },
        "See the latest run");
}
