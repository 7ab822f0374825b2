using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>
/// Writes the explorer's rows after a real run: one <see cref="PersonDecision"/> per person in Personio, saved only
/// when what the row shows changed, so an unchanged night writes nothing (a company of 100,000 people reads their rows
/// batch by batch and compares). Changed and new rows are saved in batches, each one transaction under the run's lease.
/// </summary>
internal sealed class PersonDecisionBook(RollcallDbContext db, SyncRunLease lease, IOptions<SyncOptions> options, Data.Bulk.IBatchWriter writer)
{
    public async Task WriteAsync(SyncRun run, SyncPlan plan, CancellationToken ct)
    {
        // After the apply, so users created or linked by this run are found by their Personio id.
        var userOf = await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.CompanyId == run.CompanyId && u.Source == UserSource.Personio && u.PersonioEmployeeId != null)
            .Select(u => new { Employee = u.PersonioEmployeeId!.Value, u.Id })
            .ToDictionaryAsync(u => u.Employee, u => u.Id, ct);
        var stored = (await db.PersonDecisions.AsNoTracking().Where(d => d.CompanyId == run.CompanyId)
            .Select(d => d.PersonioEmployeeId).ToListAsync(ct)).ToHashSet();

        foreach (var batch in plan.People.DistinctBy(p => p.Employee.Id).Chunk(options.Value.BatchSize))
        {
            var rows = batch.Select(p => Row(run, p, userOf.TryGetValue(p.Employee.Id, out var user) ? user : null)).ToList();
            await SaveChangedAsync(run, rows, stored, ct);
        }

        if (!plan.Partial)
        {
            // A webhook or delta run read some persons only: everyone else's row stays as the last full read left it.
            await DeleteStaleAsync(run, plan, stored, userOf.Keys.ToHashSet(), ct);
        }
    }

    private async Task SaveChangedAsync(SyncRun run, List<PersonDecision> rows, HashSet<long> stored, CancellationToken ct)
    {
        var ids = rows.Select(r => r.PersonioEmployeeId).Where(stored.Contains).ToList();
        var before = ids.Count == 0
            ? []
            : await db.PersonDecisions.AsNoTracking().Where(d => d.CompanyId == run.CompanyId && ids.Contains(d.PersonioEmployeeId))
                .Select(d => new ShownRow(d.PersonioEmployeeId, d.Outcome, d.ReasonCode, d.Reason, d.Name, d.Email, d.Status, d.EmploymentType, d.HireDate,
                    d.LegalEntityId, d.LegalEntityName, d.OfficeId, d.OfficeName, d.DepartmentId, d.DepartmentName, d.UserId))
                .ToDictionaryAsync(s => s.PersonioEmployeeId, ct);
        var changed = rows.Where(r => !before.TryGetValue(r.PersonioEmployeeId, out var shown) || shown != ShownRow.Of(r)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        await lease.HoldOrThrowAsync(run.CompanyId, run.Id, ct);
        await db.InTransactionAsync(async (_, c) =>
        {
            // New rows set-based (a first sync writes one per person); changed ones are few, through EF Core.
            db.PersonDecisions.AddRange(changed.Where(r => !before.ContainsKey(r.PersonioEmployeeId)));
            await writer.SaveAsync(db, c);
            db.PersonDecisions.UpdateRange(changed.Where(r => before.ContainsKey(r.PersonioEmployeeId)));
            await db.SaveChangesAsync(c);
        }, ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Rows of people no longer in Personio's list go only when this run deactivated their user as confirmed gone, or
    /// when they have no user: a record missing from a paged list proves nothing, and the row still says why a user stays.
    /// </summary>
    private async Task DeleteStaleAsync(SyncRun run, SyncPlan plan, HashSet<long> stored, HashSet<long> withUser, CancellationToken ct)
    {
        var read = plan.People.Select(p => p.Employee.Id).ToHashSet();
        var confirmedGone = plan.GuardTripped
            ? []
            : plan.Steps.Where(s => s is { Kind: StepKind.Deactivate, ReasonCode: "gone", EmployeeId: not null } && s.Reason?.Key == "gone.confirmed")
                .Select(s => s.EmployeeId!.Value).ToHashSet();
        var stale = stored.Where(id => !read.Contains(id) && (confirmedGone.Contains(id) || !withUser.Contains(id))).ToList();
        foreach (var chunk in stale.Chunk(options.Value.BatchSize))
        {
            await lease.HoldOrThrowAsync(run.CompanyId, run.Id, ct);
            await db.PersonDecisions.Where(d => d.CompanyId == run.CompanyId && chunk.Contains(d.PersonioEmployeeId)).ExecuteDeleteAsync(ct);
        }
    }

    private static PersonDecision Row(SyncRun run, PlannedPerson person, Guid? userId)
    {
        var e = person.Employee;
        var name = $"{e.FirstName} {e.LastName}".Trim() is { Length: > 0 } full ? SyncPlanner.Clamp(full, PersonDecision.NameLength) : null;
        var email = string.IsNullOrWhiteSpace(e.Email) ? null : SyncPlanner.Clamp(e.Email.Trim(), 320);
        return new PersonDecision
        {
            CompanyId = run.CompanyId,
            PersonioEmployeeId = e.Id,
            Name = name,
            Email = email,
            SearchText = $"{name} {email} #{e.Id}".ToUpperInvariant(),
            Status = e.Status?.ToString().ToLowerInvariant(),
            EmploymentType = e.EmploymentType switch
            {
                null => null,
                PersonioEmploymentType.NotSet => "not_set",
                { } type => type.ToString().ToLowerInvariant(),
            },
            HireDate = e.HireDate,
            LegalEntityId = Id(e.LegalEntity),
            LegalEntityName = Name(e.LegalEntity),
            OfficeId = Id(e.Office),
            OfficeName = Name(e.Office),
            DepartmentId = Id(e.Department),
            DepartmentName = Name(e.Department),
            Outcome = person.Outcome,
            ReasonCode = SyncPlanner.Clamp(person.ReasonCode, 64),
            Reason = person.Reason,
            UserId = userId,
            RunId = run.Id,
            DecidedAt = run.StartedAt,
        };
    }

    private static string? Id(PersonioRef? unit) => unit is null ? null : SyncPlanner.Clamp(unit.Id, 64);

    private static string? Name(PersonioRef? unit) => unit?.Name is { } name ? SyncPlanner.Clamp(name, 200) : null;

    /// <summary>What a row shows: a row is written only when this differs (the run and its time alone are no change).</summary>
    private sealed record ShownRow(
        long PersonioEmployeeId, PersonOutcome Outcome, string ReasonCode, Reason? Reason, string? Name, string? Email, string? Status, string? EmploymentType,
        DateOnly? HireDate, string? LegalEntityId, string? LegalEntityName, string? OfficeId, string? OfficeName, string? DepartmentId, string? DepartmentName,
        Guid? UserId)
    {
        public static ShownRow Of(PersonDecision d) => new(d.PersonioEmployeeId, d.Outcome, d.ReasonCode, d.Reason, d.Name, d.Email, d.Status, d.EmploymentType,
            d.HireDate, d.LegalEntityId, d.LegalEntityName, d.OfficeId, d.OfficeName, d.DepartmentId, d.DepartmentName, d.UserId);
    }
}
