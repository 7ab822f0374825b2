using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.Personio;
using Rollcall.Telemetry;

namespace Rollcall.Sync;

/// <summary>
/// What a targeted run reads: the persons webhook events named (<see cref="Persons"/>), or those Personio lists as
/// updated after a moment (<see cref="UpdatedSince"/>, a delta read), at most <see cref="MaxPersons"/> of them.
/// </summary>
internal sealed record TargetedRead(IReadOnlyList<long> PersonIds, DateTimeOffset? UpdatedAfter, int MaxPersons)
{
    public static TargetedRead Persons(IReadOnlyList<long> ids) => new(ids, null, ids.Count);

    public static TargetedRead UpdatedSince(DateTimeOffset after, int maxPersons) => new([], after, maxPersons);
}

/// <summary>
/// Targeted runs (webhook and delta): only some persons are read, each by id through v2 (a person and its latest
/// employment), and planned by the same planner and policy as a full run over a partial input. Nobody is deactivated
/// for being absent, nor for a 404: only a full read decides that someone is gone. Everything else (the lease, the
/// guard counted against the whole company, rejected credentials, steps, audit, invitations, the explorer's rows) is
/// the full run's.
/// </summary>
internal sealed partial class SyncEngine
{
    /// <summary>Targeted reads running at once; Personio's v2 limits are per endpoint and the client throttles too.</summary>
    private const int TargetedParallelism = 4;

    public async Task<Outcome<SyncRun>> RunTargetedAsync(Guid companyId, SyncTrigger trigger, TargetedRead read, CancellationToken ct)
    {
        var begun = await BeginAsync(companyId, trigger, dryRun: false, ct);
        return begun.Value is { } run ? await GuardedAsync(run.Id, r => TargetedAsync(r, read, ct), ct) : begun;
    }

    private async Task TargetedAsync(SyncRun run, TargetedRead read, CancellationToken ct)
    {
        if (await ReadAndPlanTargetedAsync(run, read, ct) is not { } planned)
        {
            return; // failed or credentials rejected: recorded, nothing changed
        }

        var (plan, bound) = planned;
        db.ChangeTracker.Clear();
        using (RollcallTelemetry.Source.StartActivity("sync.apply"))
        {
            await ApplyAsync(run, plan, ct);
        }

        if (bound is { } until)
        {
            // Personio's own time of the latest change read: the next delta read starts there (less its overlap).
            await db.PersonioIntegrations.Where(i => i.CompanyId == run.CompanyId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.DeltaReadUntil, until.UtcDateTime), CancellationToken.None);
        }
    }

    private async Task<(SyncPlan Plan, DateTimeOffset? Bound)?> ReadAndPlanTargetedAsync(SyncRun run, TargetedRead read, CancellationToken ct)
    {
        await progress.PhaseAsync(run, RunPhase.Reading, ct); // persons one by one: no pages
        var integration = await db.PersonioIntegrations.SingleAsync(i => i.CompanyId == run.CompanyId, ct);
        var secret = await stored.ReadAsync(integration, ct);
        if (secret.Credentials is not { } credentials)
        {
            await book.FinishAsync(run, RunState.Failed, new Reason(secret.Unreadable ? "secret_unreadable.run" : "not_connected"), discardPending: true);
            return null;
        }

        var mapping = MappedFields.MappingOf(integration);
        var phase = RollcallTelemetry.Source.StartActivity("sync.read");
        try
        {
            // One request instead of a full run's access check: which mapped and org attributes the credential reads.
            var catalog = await personio.GetAttributeCatalogAsync(credentials, ct);
            new AccessCheck(catalog, catalog.Unreadable(AttributeCatalog.RequiredKeys), []).EnsureRequiredReadable();
            var unreadable = catalog.Unreadable(mapping.Values).Concat(catalog.Unreadable(PersonioOrganisation.Attributes)).ToHashSet(StringComparer.Ordinal);
            var keys = mapping.Values.Except(unreadable).ToList();
            var (ids, bound) = read.UpdatedAfter is { } after ? await UpdatedAsync(credentials, after, read.MaxPersons, ct) : (read.PersonIds, null);
            var lookups = await LookUpAsync(run, credentials, ids.Distinct().Order().Take(read.MaxPersons).ToList(), keys, ct);
            phase?.SetTag("rollcall.sync.employees", lookups.Count);
            phase?.Dispose();
            await progress.PlanningAsync(run, ct);
            phase = RollcallTelemetry.Source.StartActivity("sync.plan");
            await book.NoteUnreadableAsync(run, integration, unreadable, ct);
            var users = await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == run.CompanyId).ToListAsync(ct);
            var zone = await db.Companies.AsNoTracking().Where(c => c.Id == run.CompanyId).Select(c => c.TimeZone).SingleAsync(ct);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
            var found = lookups.Where(l => l.Lookup.Outcome == LookupOutcome.Found).Select(l => l.Lookup.Employee!).ToList();
            var plan = SyncPlanner.Plan(new PlannerInput(seal, found, users, mapping, unreadable, new ImportPolicy(integration.Rules, today, unreadable),
                integration.FirstSyncAt is null, integration.GuardPercent, integration.GuardMinimum, Partial: true,
                PaymentGuardPercent: integration.PaymentGuardPercent, PaymentGuardMinimum: integration.PaymentGuardMinimum,
                HeldPayments: await HeldPaymentsAsync(run.CompanyId, ct)));
            plan = plan with { Steps = [.. plan.Steps, .. Unresolved(lookups, users)] };
            SyncRunBook.Count(run, plan, found.Count);
            run.Targeted = lookups.Count;
            return (plan, bound);
        }
        catch (PersonioException e)
        {
            await EndOnPersonioFailureAsync(run, integration, e, phase, ct);
            return null;
        }
        finally
        {
            phase?.Dispose();
        }
    }

    /// <summary>
    /// A delta read's persons: those updated after <paramref name="after"/>, the earliest updated first, at most
    /// <paramref name="max"/>; the bound is the latest <c>updated_at</c> taken (the rest come with the next delta read).
    /// </summary>
    private async Task<(IReadOnlyList<long> Ids, DateTimeOffset? Bound)> UpdatedAsync(PersonioCredentials credentials, DateTimeOffset after, int max, CancellationToken ct)
    {
        var taken = (await personio.ListUpdatedPersonsAsync(credentials, after, ct)).OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id).Take(max).ToList();
        return ([.. taken.Select(p => p.Id)], taken.Count == 0 ? null : taken[^1].UpdatedAt);
    }

    /// <summary>Each person by id, a few at once; the lease is renewed between chunks, so a long burst keeps the company.</summary>
    private async Task<List<(long Id, EmployeeLookup Lookup)>> LookUpAsync(SyncRun run, PersonioCredentials credentials, List<long> ids,
        IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var answers = new List<(long, EmployeeLookup)>(ids.Count);
        foreach (var chunk in ids.Chunk(100))
        {
            await lease.HoldOrThrowAsync(run.CompanyId, run.Id, ct);
            using var gate = new SemaphoreSlim(TargetedParallelism);
            answers.AddRange(await Task.WhenAll(chunk.Select(async id =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    return (id, await personio.LookUpPersonAsync(credentials, id, keys, ct));
                }
                finally
                {
                    gate.Release();
                }
            })));
        }

        return answers;
    }

    /// <summary>
    /// Warnings for persons the run could not judge: Personio's 404 is left to the next full read (only it deactivates
    /// someone as gone), no answer leaves the person as they are (<c>unanswered</c>: their events wait for the next run).
    /// </summary>
    private static IEnumerable<PlannedStep> Unresolved(List<(long Id, EmployeeLookup Lookup)> lookups, List<DirectoryUser> users)
    {
        var byAnchor = users.Where(u => u.Source == UserSource.Personio && u.PersonioEmployeeId is not null).ToDictionary(u => u.PersonioEmployeeId!.Value);
        foreach (var (id, lookup) in lookups.Where(l => l.Lookup.Outcome != LookupOutcome.Found))
        {
            var user = byAnchor.GetValueOrDefault(id);
            var subject = user is null ? $"Personio employee #{id}" : $"{user.FirstName} {user.LastName} <{user.Email}>";
            yield return lookup.Outcome == LookupOutcome.NotFound
                ? new PlannedStep(StepKind.Warn, id, user?.Id, subject, "gone_unconfirmed", new Reason("gone_unconfirmed.full_read"), [])
                : new PlannedStep(StepKind.Warn, id, user?.Id, subject, TargetedUnanswered, new Reason("unanswered.targeted"), []);
        }
    }

    /// <summary>The step code of a person a targeted run asked about and got no answer for: their events are processed again.</summary>
    public const string TargetedUnanswered = "unanswered";
}
