using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Hosting;
using Rollcall.Mail;
using Rollcall.Mail.Notifications;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>
/// Runs a company's sync: read every employee, plan, then apply (or only record, for a dry run). A read that
/// fails part-way applies nothing; credentials Personio rejects disconnect the integration and change nothing.
/// </summary>
internal sealed partial class SyncEngine(
    RollcallDbContext db,
    PersonioClient personio,
    PersonioSecrets secrets,
    SyncRunLease lease,
    GoneConfirmation gone,
    SyncApplier applier,
    SyncSchedule schedule,
    MailQueue mail,
    TimeProvider time,
    ILogger<SyncEngine> logger)
{
    /// <summary>Takes the company's lease and records a running run; the work itself is <see cref="ExecuteAsync"/>.</summary>
    public async Task<Outcome<SyncRun>> BeginAsync(Guid companyId, SyncTrigger trigger, bool dryRun, CancellationToken ct)
    {
        var integration = await db.PersonioIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.CompanyId == companyId, ct);
        if (integration?.State != IntegrationState.Connected)
        {
            return ProblemCodes.Conflict(integration?.State == IntegrationState.CredentialsRejected ? "credentials_rejected" : "not_connected",
                integration?.State == IntegrationState.CredentialsRejected
                    ? "Personio rejected the stored credentials; enter new ones before syncing."
                    : "Connect Personio first.");
        }

        var run = new SyncRun { Id = Guid.NewGuid(), CompanyId = companyId, Trigger = trigger, DryRun = dryRun, State = RunState.Running, StartedAt = Now() };
        if (!await lease.TryTakeAsync(companyId, run.Id, ct))
        {
            return ProblemCodes.Conflict("run_in_progress", "A sync of this company is running already.");
        }

        // A run still marked running holds no lease any more: it crashed. Its batches stay; this run completes the work.
        await db.SyncRuns.Where(r => r.CompanyId == companyId && r.State == RunState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Failed)
                .SetProperty(r => r.Reason, "Interrupted (the node stopped or crashed); the next run completed the work.")
                .SetProperty(r => r.FinishedAt, run.StartedAt), ct);
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary>
    /// "Sync now": begins a run and hands it to the scheduler. A run that cannot be queued is failed and its lease
    /// released at once, so it never blocks the company.
    /// </summary>
    public async Task<Outcome<SyncRun>> QueueAsync(Guid companyId, bool dryRun, CancellationToken ct)
    {
        var begun = await BeginAsync(companyId, SyncTrigger.Manual, dryRun, ct);
        if (begun.Value is not { } run)
        {
            return begun;
        }

        try
        {
            await schedule.QueueAsync(run.Id, ct);
            return run;
        }
        catch
        {
            await FinishAsync(run, RunState.Failed, "The run could not be queued; nothing was read or changed.", discardPending: true);
            await lease.ReleaseAsync(companyId, run.Id);
            throw;
        }
    }

    public async Task<Outcome<SyncRun>> RunAsync(Guid companyId, SyncTrigger trigger, bool dryRun, IProgress<int>? progress, CancellationToken ct)
    {
        var begun = await BeginAsync(companyId, trigger, dryRun, ct);
        return begun.Value is { } run ? await ExecuteAsync(run.Id, progress, ct) : begun;
    }

    public async Task<SyncRun> ExecuteAsync(Guid runId, IProgress<int>? progress, CancellationToken ct)
    {
        var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, ct);
        if (run.State != RunState.Running || !await lease.RenewAsync(run.CompanyId, run.Id, ct))
        {
            // Queued too long: its lease lapsed and a newer run took over (and recorded this one as interrupted).
            return run;
        }

        try
        {
            await ExecuteAsync(run, progress, ct);
        }
        catch (LeaseLostException)
        {
            await FinishAsync(run, RunState.Failed, "Stopped: the run took longer than its lease and another run took over; batches already applied stay.", discardPending: true);
            return run;
        }
        catch (OperationCanceledException)
        {
            await FinishAsync(run, RunState.Failed, "Cancelled (Rollcall was shutting down); batches already applied stay, the next run completes the work.", discardPending: true);
            throw;
        }
        catch (Exception e) when (e is not PersonioException)
        {
            // The exception's message may quote data; the run records only its kind. Quartz sees the exception.
            await FinishAsync(run, RunState.Failed, $"An unexpected {e.GetType().Name} stopped the run; batches already applied stay, the next run completes the work.", discardPending: true);
            throw;
        }
        finally
        {
            await lease.ReleaseAsync(run.CompanyId, run.Id);
        }

        LogFinished(logger, run.CompanyId, run.Id, run.State, run.Created, run.Updated, run.Deactivated, run.Held);
        return run;
    }

    private async Task ExecuteAsync(SyncRun run, IProgress<int>? progress, CancellationToken ct)
    {
        if (await ReadAndPlanAsync(run, progress, ct) is not { } plan)
        {
            return; // failed or credentials rejected: recorded, nothing changed
        }

        db.ChangeTracker.Clear();
        if (run.DryRun)
        {
            await applier.RecordPreviewAsync(run, plan, ct);
            await FinishAsync(run, RunState.Previewed, null);
            return;
        }

        await applier.ApplyAsync(run, plan, ct);
        await CompleteAsync(run, plan, ct);
    }

    /// <summary>
    /// Reads every employee and plans; users missing from the list are confirmed one by one before a plan deactivates
    /// them. Null when the run ended here. The read and the users are freed on return: the plan holds what the apply needs.
    /// </summary>
    private async Task<SyncPlan?> ReadAndPlanAsync(SyncRun run, IProgress<int>? progress, CancellationToken ct)
    {
        var integration = await db.PersonioIntegrations.SingleAsync(i => i.CompanyId == run.CompanyId, ct);
        var credentials = secrets.CredentialsOf(integration)!;
        var mapping = Mapping(integration);
        try
        {
            var check = await personio.CheckAccessAsync(credentials, mapping.Values.ToList(), ct);
            check.EnsureRequiredReadable();
            var unreadable = check.MissingMapped.ToHashSet(StringComparer.Ordinal);
            var keys = mapping.Values.Except(unreadable).ToList();
            var held = 0;
            var read = await personio.ReadEmployeesAsync(credentials, keys, ct, progress: async (count, c) =>
            {
                progress?.Report(count);
                if (count - held >= 1000)
                {
                    held = count;
                    await lease.HoldOrThrowAsync(run.CompanyId, run.Id, c); // a long read keeps the company's lease
                }
            });
            progress?.Report(read.Employees.Count);
            NoteUnsettledRead(run, read);
            await NoteUnreadableAsync(run, integration, unreadable, ct);
            var users = await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == run.CompanyId).ToListAsync(ct);
            var plan = await gone.PlanAsync(new PlannerInput(read.Employees, users, mapping, unreadable, new ImportPolicy(integration.LeavePolicy),
                integration.FirstSyncAt is null, integration.GuardPercent, integration.GuardMinimum), credentials, keys, ct);
            Count(run, plan, read.Employees.Count);
            return plan;
        }
        catch (PersonioException e) when (e.Failure == PersonioFailure.InvalidCredentials)
        {
            await RejectCredentialsAsync(run, integration, ct);
            return null;
        }
        catch (PersonioException e)
        {
            await FailAsync(run, $"{e.Message} Nothing was changed.", "personio", e.Failure.ToString(), ct);
            return null;
        }
    }

    /// <summary>A read that had to walk Personio's list more than once says so on the run: admins see HR's list moved under it.</summary>
    private void NoteUnsettledRead(SyncRun run, EmployeeList read)
    {
        if (read.Passes == 1)
        {
            return;
        }

        run.Warnings++;
        var seen = PersonioClient.Describe(read.Disturbances);
        db.SyncRunSteps.Add(new SyncRunStep
        {
            RunId = run.Id, CompanyId = run.CompanyId, Kind = StepKind.Warn, Status = StepStatus.Noted, ReasonCode = "read_unsettled", Subject = "Personio",
            Reason = read.Consistent
                ? $"Personio's list changed while it was read ({seen}); read {read.Passes} times, the last read was consistent."
                : $"Personio's list changed during each of {read.Passes} reads ({seen}); the last read was completed by asking about {read.Rechecked} employees one by one.",
        });
    }

    private async Task CompleteAsync(SyncRun run, SyncPlan plan, CancellationToken ct)
    {
        await SupersedeHeldRunsAsync(run, ct);
        var integration = await db.PersonioIntegrations.SingleAsync(i => i.CompanyId == run.CompanyId, ct);
        integration.FirstSyncAt ??= Now();
        if (plan.GuardTripped)
        {
            await mail.NotifyAdminsAsync(run.CompanyId, new ApprovalNeeded(run.Id, run.Held), ct);
        }

        await FinishAsync(run, plan.GuardTripped ? RunState.NeedsApproval : RunState.Succeeded,
            plan.GuardTripped ? $"Would deactivate {run.Held} users, above the mass-change threshold; held for approval." : null);
    }

    private async Task SupersedeHeldRunsAsync(SyncRun run, CancellationToken ct)
    {
        var older = await db.SyncRuns.Where(r => r.CompanyId == run.CompanyId && r.State == RunState.NeedsApproval && r.Id != run.Id).Select(r => r.Id).ToListAsync(ct);
        await db.SyncRunSteps.Where(s => older.Contains(s.RunId) && s.Status == StepStatus.Held)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, StepStatus.Dropped), ct);
        await db.SyncRuns.Where(r => older.Contains(r.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, RunState.Rejected)
            .SetProperty(r => r.Reason, $"Superseded by run {run.Id}, which planned again from fresher data."), ct);
    }

    private async Task RejectCredentialsAsync(SyncRun run, PersonioIntegration integration, CancellationToken ct)
    {
        integration.State = IntegrationState.CredentialsRejected;
        integration.RejectedAt = Now();
        await mail.NotifyAdminsAsync(run.CompanyId, new CredentialsRejected(run.CompanyId, integration.ConnectedAt), ct);
        try
        {
            await FinishAsync(run, RunState.Failed, "Personio rejected the stored credentials; the integration is disconnected and nothing was changed.");
        }
        catch (DbUpdateConcurrencyException)
        {
            // An admin saved new credentials while this run read with the old ones: the new ones stand.
            await FinishAsync(run, RunState.Failed, "Personio rejected the credentials this run used; new credentials were saved meanwhile, so the integration stays connected.", discardPending: true);
        }
    }

    private async Task FailAsync(SyncRun run, string reason, string topic, string detail, CancellationToken ct)
    {
        var previous = await db.SyncRuns.AsNoTracking()
            .Where(r => r.CompanyId == run.CompanyId && !r.DryRun && r.Id != run.Id && r.State != RunState.Running)
            .OrderByDescending(r => r.StartedAt).Take(2).ToListAsync(ct);
        if (!run.DryRun && previous is [{ State: RunState.Failed } last, ..] && previous.ElementAtOrDefault(1)?.State != RunState.Failed)
        {
            await mail.NotifyAdminsAsync(run.CompanyId, new RunsFailing(run.CompanyId, last.Id, run.Id, topic, detail), ct);
        }

        await FinishAsync(run, RunState.Failed, reason);
    }

    /// <summary>A mapped attribute Personio no longer lets the credential read: fields keep their values, admins hear once.</summary>
    private async Task NoteUnreadableAsync(SyncRun run, PersonioIntegration integration, HashSet<string> unreadable, CancellationToken ct)
    {
        var set = unreadable.Count == 0 ? null : string.Join(",", unreadable.Order(StringComparer.Ordinal));
        if (set is not null)
        {
            run.Warnings++;
            db.SyncRunSteps.Add(new SyncRunStep
            {
                RunId = run.Id, CompanyId = run.CompanyId, Kind = StepKind.Warn, Status = StepStatus.Noted, ReasonCode = "attribute_unreadable",
                Subject = "Attribute mapping", Reason = $"The mapped attribute(s) {set} are no longer readable by the credential; those fields keep their values.",
            });
            if (set != integration.UnreadableAttributes && !run.DryRun)
            {
                await mail.NotifyAdminsAsync(run.CompanyId, new AttributesUnreadable(run.CompanyId, unreadable, run.Id), ct);
            }
        }

        if (!run.DryRun)
        {
            integration.UnreadableAttributes = set;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Saves the run's end together with whatever the caller queued (notifications, integration state).</summary>
    private async Task FinishAsync(SyncRun run, RunState state, string? reason, bool discardPending = false)
    {
        if (discardPending)
        {
            db.ChangeTracker.Clear();
        }

        if (db.Entry(run).State == EntityState.Detached)
        {
            db.SyncRuns.Update(run);
        }

        run.State = state;
        run.Reason = reason;
        run.FinishedAt = Now();
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static void Count(SyncRun run, SyncPlan plan, int read)
    {
        run.Read = read;
        run.Created = plan.Count(StepKind.Create);
        run.Updated = plan.Count(StepKind.Update);
        run.Linked = plan.Count(StepKind.Link);
        run.Reactivated = plan.Count(StepKind.Reactivate);
        run.Deactivated = plan.GuardTripped ? 0 : plan.Count(StepKind.Deactivate);
        run.Held = plan.GuardTripped ? plan.Count(StepKind.Deactivate) : 0;
        run.Skipped = plan.Count(StepKind.Skip) + plan.IgnoredByReason.Values.Sum();
        run.Warnings += plan.Count(StepKind.Warn);
    }

    internal static Dictionary<OptionalField, string> Mapping(PersonioIntegration integration)
    {
        var mapping = new Dictionary<OptionalField, string>();
        if (integration.IbanAttribute is { } iban)
        {
            mapping[OptionalField.Iban] = iban;
        }

        if (integration.PersonnelNumberAttribute is { } personnel)
        {
            mapping[OptionalField.PersonnelNumber] = personnel;
        }

        if (integration.CreditorNumberAttribute is { } creditor)
        {
            mapping[OptionalField.CreditorNumber] = creditor;
        }

        return mapping;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Sync of company {CompanyId} run {RunId} ended {State}: {Created} created, {Updated} updated, {Deactivated} deactivated, {Held} held")]
    private static partial void LogFinished(ILogger logger, Guid companyId, Guid runId, RunState state, int created, int updated, int deactivated, int held);
}
