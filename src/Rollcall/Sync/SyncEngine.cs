using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.Personio;
using Rollcall.Telemetry;

namespace Rollcall.Sync;

/// <summary>
/// Runs a company's sync: read every employee, plan, then apply (or only record, for a dry run). A read that
/// fails part-way applies nothing; credentials Personio rejects disconnect the integration and change nothing.
/// </summary>
internal sealed partial class SyncEngine(
    RollcallDbContext db,
    PersonioClient personio,
    StoredCredentials stored,
    SyncRunLease lease,
    GoneConfirmation gone,
    SyncApplier applier,
    PersonDecisionBook decisions,
    StandingWarnings warnings,
    TimeProvider time,
    SyncRunBook book,
    DatabaseClock clock,
    PaymentData.PaymentDataSeal seal,
    RunProgress progress,
    ILogger<SyncEngine> logger)
{
    /// <summary>Takes the company's lease and records a running run; the work itself is <see cref="ExecuteAsync"/>.</summary>
    public async Task<Outcome<SyncRun>> BeginAsync(Guid companyId, SyncTrigger trigger, bool dryRun, CancellationToken ct, ImportRules? proposedRules = null)
    {
        var integration = await db.PersonioIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.CompanyId == companyId, ct);
        // A secret that can no longer be decrypted starts no run: the integration says it needs new credentials from now on.
        if (integration?.State == IntegrationState.SecretUnreadable
            || (integration?.State == IntegrationState.Connected && (await stored.ReadAsync(integration, ct)).Unreadable))
        {
            return ProblemCodes.Conflict("secret_unreadable");
        }

        if (integration?.State != IntegrationState.Connected)
        {
            return ProblemCodes.Conflict(integration?.State == IntegrationState.CredentialsRejected ? "credentials_rejected" : "not_connected");
        }

        var runId = Guid.NewGuid();
        if (!await lease.TryTakeAsync(companyId, runId, ct))
        {
            return ProblemCodes.Conflict("run_in_progress");
        }

        return await book.BeginAsync(runId, companyId, trigger, dryRun, ct, dryRun ? proposedRules : null);
    }

    /// <summary>
    /// A run whose node died, recovered by Quartz on another node: a queued run (<paramref name="runId"/>) or a nightly one
    /// (<paramref name="companyId"/>). The dead run keeps its company's lease until it lapses, so it is never taken over
    /// while its node might still be alive; then a fresh run begins (recording the dead one interrupted) and does the
    /// work. Returns when to try again while the lease still holds; null when done or nothing is left to do (the run
    /// ended after all, or the company is no longer connected).
    /// </summary>
    public async Task<DateTimeOffset?> ResumeAsync(Guid? runId, Guid? companyId, CancellationToken ct)
    {
        var dead = runId is { } id ? await db.SyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) : null;
        if (runId is not null && dead?.State != RunState.Running)
        {
            return null;
        }

        if ((dead?.CompanyId ?? companyId) is not { } company)
        {
            return null;
        }

        var begun = await BeginAsync(company, dead?.Trigger ?? SyncTrigger.Schedule, dead?.DryRun ?? false, ct, dead?.ProposedRules);
        if (begun.Value is { } run)
        {
            if (dead is not null)
            {
                LogResumed(logger, company, runId, run.Id);
            }

            await ExecuteAsync(run.Id, null, ct);
            return null;
        }

        var integration = await db.PersonioIntegrations.AsNoTracking().Where(i => i.CompanyId == company)
            .Select(i => new { i.State, i.LeaseUntil }).SingleOrDefaultAsync(ct);
        if (integration is not { State: IntegrationState.Connected, LeaseUntil: { } until })
        {
            // Not connected any more, its credentials rejected or unreadable: nothing to try again; the dead run ends here.
            if (dead is not null)
            {
                await book.InterruptAsync(db.SyncRuns.Where(r => r.Id == dead.Id), ct);
            }

            return null;
        }

        // At the lease's end by the database's clock (the lease's), turned into this node's (Quartz fires by it); no sooner than a few seconds from now.
        var left = until - await clock.UtcNowAsync(ct) + TimeSpan.FromSeconds(1);
        return time.GetUtcNow() + (left > ResumeDelay ? left : ResumeDelay);
    }

    private static readonly TimeSpan ResumeDelay = TimeSpan.FromSeconds(5);

    public async Task<Outcome<SyncRun>> RunAsync(Guid companyId, SyncTrigger trigger, bool dryRun, IProgress<int>? records, CancellationToken ct)
    {
        var begun = await BeginAsync(companyId, trigger, dryRun, ct);
        return begun.Value is { } run ? await ExecuteAsync(run.Id, records, ct) : begun;
    }

    /// <summary><paramref name="records"/> hears the employees read so far (the command line's progress).</summary>
    public Task<SyncRun> ExecuteAsync(Guid runId, IProgress<int>? records, CancellationToken ct) =>
        GuardedAsync(runId, run => ReadPlanApplyAsync(run, records, ct), ct);

    /// <summary>Runs <paramref name="work"/> under the run's lease; whatever ends it early is recorded on the run, and the lease is released.</summary>
    private async Task<SyncRun> GuardedAsync(Guid runId, Func<SyncRun, Task> work, CancellationToken ct)
    {
        var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, ct);
        if (run.State != RunState.Running || !await lease.RenewAsync(run.CompanyId, run.Id, ct))
        {
            // Queued too long: its lease lapsed and a newer run took over (and recorded this one as interrupted).
            return run;
        }

        using var span = RunSpan(run);
        // Every request to Personio from here on, this run's own (async-local: another company's run keeps its own tally).
        PersonioTally.Current = progress.Begin(run);
        try
        {
            await work(run);
        }
        catch (LeaseLostException)
        {
            await book.FinishAsync(run, RunState.Failed, new Reason("lease_lost"), discardPending: true);
            return run;
        }
        catch (OperationCanceledException)
        {
            await book.FinishAsync(run, RunState.Failed, new Reason("cancelled"), discardPending: true);
            throw;
        }
        catch (Exception e) when (e is not PersonioException)
        {
            // The exception's message may quote data; the run records only its kind. Quartz sees the exception.
            await book.FinishAsync(run, RunState.Failed, new Reason("unexpected_error", e.GetType().Name), discardPending: true);
            throw;
        }
        finally
        {
            await lease.ReleaseAsync(run.CompanyId, run.Id);
            Ended(span, run);
        }

        LogFinished(logger, run.CompanyId, run.Id, run.State, run.Created, run.Updated, run.Deactivated, run.Held);
        return run;
    }

    /// <summary>Read → plan → apply (or record the plan, for a preview).</summary>
    private async Task ReadPlanApplyAsync(SyncRun run, IProgress<int>? records, CancellationToken ct)
    {
        if (await ReadAndPlanAsync(run, records, ct) is not { } plan)
        {
            return; // failed, credentials rejected or secret unreadable: recorded, nothing changed
        }

        db.ChangeTracker.Clear();
        using var apply = RollcallTelemetry.Source.StartActivity("sync.apply");
        if (run.DryRun)
        {
            await applier.RecordPreviewAsync(run, plan, ct);
            await book.FinishAsync(run, RunState.Previewed, null);
            return;
        }

        await ApplyAsync(run, plan, ct);
    }

    private async Task ApplyAsync(SyncRun run, SyncPlan plan, CancellationToken ct)
    {
        // Person warnings standing unchanged since an earlier run are counted, not recorded again.
        var (recorded, standing) = await warnings.WithoutRepeatedAsync(run, plan, ct);
        await applier.ApplyAsync(run, recorded, ct);
        await applier.LinkManagersAsync(run, ct);
        // The explorer's rows, held plans included: the plan still says what was decided for everyone read.
        await decisions.WriteAsync(run, plan, ct);
        await warnings.SettleAsync(run, plan, standing, ct);
        await book.CompleteAsync(run, plan, ct);
    }

    /// <summary>
    /// Reads every employee and plans; users missing from the list are confirmed one by one before a plan deactivates
    /// them. Null when the run ended here. The read and the users are freed on return: the plan holds what the apply needs.
    /// Users are loaded once the read is done: loading them beside the read, on a connection of their own, showed no gain
    /// on two cores and held both in memory at once (about 270 MB more at 100,000 employees).
    /// </summary>
    private async Task<SyncPlan?> ReadAndPlanAsync(SyncRun run, IProgress<int>? records, CancellationToken ct)
    {
        await progress.PhaseAsync(run, RunPhase.Reading, ct);
        var integration = await db.PersonioIntegrations.SingleAsync(i => i.CompanyId == run.CompanyId, ct);
        var secret = await stored.ReadAsync(integration, ct);
        if (secret.Credentials is not { } credentials)
        {
            // Queued before the key was lost (or before a disconnect): nothing is read, nothing changes.
            await book.FinishAsync(run, RunState.Failed, new Reason(secret.Unreadable ? "secret_unreadable.run" : "not_connected"), discardPending: true);
            return null;
        }

        var mapping = MappedFields.MappingOf(integration);
        var phase = RollcallTelemetry.Source.StartActivity("sync.read");
        try
        {
            var check = await personio.CheckAccessAsync(credentials, mapping.Values.ToList(), ct);
            check.EnsureRequiredReadable();
            // Mapped and org attributes the credential cannot read: their fields keep their values, admins hear once.
            var unreadable = check.MissingMapped.Concat(check.Catalog.Unreadable(PersonioOrganisation.Attributes)).ToHashSet(StringComparer.Ordinal);
            var keys = mapping.Values.Except(unreadable).ToList();
            var held = 0;
            var estimate = await progress.PreviousPagesAsync(run, ct);
            var employees = await personio.ReadEmployeesAsync(credentials, keys, ct, includeOrganisation: true, progress: async (read, c) =>
            {
                records?.Report(read.Records);
                if (read.Records - held >= 1000)
                {
                    held = read.Records;
                    await lease.HoldOrThrowAsync(run.CompanyId, run.Id, c); // a long read keeps the company's lease
                }

                await progress.PagesAsync(run, read, estimate, c);
            });
            records?.Report(employees.Employees.Count);
            await progress.PlanningAsync(run, ct);
            phase?.SetTag("rollcall.sync.employees", employees.Employees.Count);
            phase?.Dispose();
            phase = RollcallTelemetry.Source.StartActivity("sync.plan");
            book.NoteUnsettledRead(run, employees);
            await book.NoteUnreadableAsync(run, integration, unreadable, ct);
            var users = await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == run.CompanyId).ToListAsync(ct);
            // A preview of unsaved rules decides by them; dates are the company's local dates, as Personio's are.
            var zone = await db.Companies.AsNoTracking().Where(c => c.Id == run.CompanyId).Select(c => c.TimeZone).SingleAsync(ct);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
            var policy = new ImportPolicy(run.ProposedRules ?? integration.Rules, today, unreadable);
            var plan = await gone.PlanAsync(new PlannerInput(seal, employees.Employees, users, mapping, unreadable, policy,
                integration.FirstSyncAt is null, integration.GuardPercent, integration.GuardMinimum,
                PaymentGuardPercent: integration.PaymentGuardPercent, PaymentGuardMinimum: integration.PaymentGuardMinimum,
                HeldPayments: await HeldPaymentsAsync(run.CompanyId, ct)), credentials, keys, ct);
            SyncRunBook.Count(run, plan, employees.Employees.Count);
            return plan;
        }
        catch (PersonioException e)
        {
            await EndOnPersonioFailureAsync(run, integration, e, phase, ct);
            return null;
        }
        finally
        {
            phase?.Dispose(); // the read's span, or the plan's once reading is done
        }
    }

    /// <summary>Users with a payment-data change held for an admin (a held update step of a run still waiting).</summary>
    private async Task<IReadOnlySet<Guid>> HeldPaymentsAsync(Guid companyId, CancellationToken ct) =>
        (await db.SyncRunSteps.AsNoTracking()
            .Where(s => s.CompanyId == companyId && s.Status == StepStatus.Held && s.Kind == StepKind.Update && s.UserId != null)
            .Join(db.SyncRuns.Where(r => r.State == RunState.NeedsApproval), s => s.RunId, r => r.Id, (s, _) => s.UserId!.Value)
            .ToListAsync(ct)).ToHashSet();

    /// <summary>
    /// Ends a run whose read Personio did not answer, full or targeted alike, with nothing applied: rejected credentials
    /// mark the integration (and tell the admins); any other failure fails the run and its span.
    /// </summary>
    private async Task EndOnPersonioFailureAsync(SyncRun run, PersonioIntegration integration, PersonioException e,
        System.Diagnostics.Activity? phase, CancellationToken ct)
    {
        if (e.Failure == PersonioFailure.InvalidCredentials)
        {
            await book.RejectCredentialsAsync(run, integration, ct);
            return;
        }

        phase?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Failure.ToString());
        await book.FailAsync(run, new Reason("personio_failed", e.Reason), "personio", e.Failure.ToString(), ct);
    }

    /// <summary>The run's span: a root of its own in a scheduled job, a child where something traced starts the run.</summary>
    private static System.Diagnostics.Activity? RunSpan(SyncRun run)
    {
        var span = RollcallTelemetry.Source.StartActivity("sync.run");
        span?.SetTag(RollcallTelemetry.CompanyId, run.CompanyId.ToString());
        span?.SetTag("rollcall.sync.run.id", run.Id.ToString());
        span?.SetTag("rollcall.sync.trigger", SyncMetrics.TriggerName(run.Trigger));
        span?.SetTag("rollcall.sync.dry_run", run.DryRun);
        return span;
    }

    private static void Ended(System.Diagnostics.Activity? span, SyncRun run)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag("rollcall.sync.outcome", SyncMetrics.StateName(run.State));
        if (run.State == RunState.Failed)
        {
            span.SetStatus(System.Diagnostics.ActivityStatusCode.Error, run.Reason?.Code);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Sync of company {CompanyId} run {RunId} ended {State}: {Created} created, {Updated} updated, {Deactivated} deactivated, {Held} held")]
    private static partial void LogFinished(ILogger logger, Guid companyId, Guid runId, RunState state, int created, int updated, int deactivated, int held);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Sync of company {CompanyId} resumed after its node died (run {DeadRunId}): run {RunId} does the work")]
    private static partial void LogResumed(ILogger logger, Guid companyId, Guid? deadRunId, Guid runId);
}
