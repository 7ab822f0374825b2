using Microsoft.Extensions.Options;
using Rollcall.Data.Sync;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>
/// Plans a run so that nobody is deactivated for being absent from Personio's paged list alone. A first plan takes
/// every absence as gone; if that trips the mass-change guard, the run holds it for an admin without asking
/// Personio person by person. Otherwise each user missing from the list is looked up by id (at most
/// <see cref="SyncOptions.MaxConfirmationReads"/>, lowest ids first): found, the person is planned by what Personio
/// says now; Personio's 404, gone; anything else, kept with a warning, and the next run asks again. An admin's
/// approval of a held run asks the same way before it deactivates anyone held as gone (<see cref="SyncDecisions"/>).
/// </summary>
internal sealed partial class GoneConfirmation(PersonioClient personio, IOptions<SyncOptions> options, ILogger<GoneConfirmation> logger)
{
    public async Task<SyncPlan> PlanAsync(PlannerInput input, PersonioCredentials credentials, IReadOnlyCollection<string> customKeys, CancellationToken ct)
    {
        var assumed = SyncPlanner.Plan(input);
        var missing = assumed.Steps.Where(s => s is { Kind: StepKind.Deactivate, ReasonCode: "gone", EmployeeId: not null })
            .Select(s => s.EmployeeId!.Value).ToList();
        if (assumed.GuardTripped || missing.Count == 0)
        {
            return assumed;
        }

        var checks = new Dictionary<long, GoneCheck>();
        var found = new List<PersonioEmployee>();
        foreach (var (id, lookup) in await AskAsync(credentials, missing, customKeys, ct))
        {
            if (lookup is { Outcome: LookupOutcome.Found, Employee: { } employee })
            {
                found.Add(employee);
            }
            else
            {
                checks[id] = lookup.Outcome == LookupOutcome.NotFound ? GoneCheck.Confirmed : GoneCheck.Unanswered;
            }
        }

        var gone = checks.Count(c => c.Value == GoneCheck.Confirmed);
        LogConfirmed(logger, missing.Count, gone, found.Count, checks.Count - gone, missing.Count - checks.Count - found.Count);
        return SyncPlanner.Plan(input with { Employees = [.. input.Employees, .. found], GoneChecks = checks });
    }

    /// <summary>Asks Personio about each employee by id, lowest first, at most <see cref="SyncOptions.MaxConfirmationReads"/> of them.</summary>
    public async Task<IReadOnlyList<(long Id, EmployeeLookup Lookup)>> AskAsync(PersonioCredentials credentials, IEnumerable<long> ids,
        IReadOnlyCollection<string> customKeys, CancellationToken ct)
    {
        var answers = new List<(long, EmployeeLookup)>();
        foreach (var id in ids.Order().Take(options.Value.MaxConfirmationReads))
        {
            answers.Add((id, await personio.LookUpEmployeeAsync(credentials, id, customKeys, ct)));
        }

        return answers;
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information,
        Message = "{Missing} users' employees were missing from Personio's list: {Gone} confirmed gone, {Found} found when asked, {Unanswered} unanswered, {NotAsked} not asked (over the run's limit)")]
    private static partial void LogConfirmed(ILogger logger, int missing, int gone, int found, int unanswered, int notAsked);
}
