using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>
/// Writes the explorer's rows after a real run: one <see cref="PersonDecision"/> per person in Personio, saved only
/// when what the row shows changed, so an unchanged night writes nothing: a fingerprint of each stored row is compared
/// with the row this run would write. Changed and new rows are saved in batches, each one
/// transaction under the run's lease.
/// </summary>
internal sealed class PersonDecisionBook(RollcallDbContext db, SyncRunLease lease, IOptions<SyncOptions> options, Data.Bulk.IBatchWriter writer)
{
    /// <summary>
    /// What the company's rows show now, by Personio id, as a fingerprint each (only runs, under the company's lease,
    /// write these rows), read in pages by id, so a company of 100,000 people holds 100,000 small entries, not its rows.
    /// </summary>
    private static async Task<Dictionary<long, UInt128>> ShownAsync(RollcallDbContext db, Guid companyId, CancellationToken ct)
    {
        var shown = new Dictionary<long, UInt128>();
        for (long after = long.MinValue; ;)
        {
            var page = await db.PersonDecisions.AsNoTracking().Where(d => d.CompanyId == companyId && d.PersonioEmployeeId > after)
                .OrderBy(d => d.PersonioEmployeeId).Take(ShownPage)
                .Select(d => new ShownRow(d.PersonioEmployeeId, d.Outcome, d.ReasonCode, d.Reason, d.Name, d.Email, d.Status, d.EmploymentType, d.HireDate,
                    d.LegalEntityId, d.LegalEntityName, d.OfficeId, d.OfficeName, d.DepartmentId, d.DepartmentName, d.UserId))
                .ToListAsync(ct);
            foreach (var row in page)
            {
                shown[row.PersonioEmployeeId] = row.Fingerprint();
            }

            if (page.Count < ShownPage)
            {
                return shown;
            }

            after = page[^1].PersonioEmployeeId;
        }
    }

    private const int ShownPage = 5000;

    public async Task WriteAsync(SyncRun run, SyncPlan plan, CancellationToken ct)
    {
        // After the apply, so users created or linked by this run are found by their Personio id.
        var userOf = await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.CompanyId == run.CompanyId && u.Source == UserSource.Personio && u.PersonioEmployeeId != null)
            .Select(u => new { Employee = u.PersonioEmployeeId!.Value, u.Id })
            .ToDictionaryAsync(u => u.Employee, u => u.Id, ct);
        var shown = await ShownAsync(db, run.CompanyId, ct);

        foreach (var batch in plan.People.DistinctBy(p => p.Employee.Id).Chunk(options.Value.BatchSize))
        {
            // A row is written only when what it shows changed (the run and its time alone are no change).
            var changed = batch.Select(p => Row(run, p, userOf.TryGetValue(p.Employee.Id, out var user) ? user : null))
                .Where(r => !shown.TryGetValue(r.PersonioEmployeeId, out var before) || before != ShownRow.Of(r).Fingerprint())
                .ToList();
            await SaveChangedAsync(run, changed, shown, ct);
        }

        if (!plan.Partial)
        {
            // A webhook or delta run read some persons only: everyone else's row stays as the last full read left it.
            await DeleteStaleAsync(run, plan, shown.Keys, userOf.Keys.ToHashSet(), ct);
        }
    }

    private async Task SaveChangedAsync(SyncRun run, List<PersonDecision> changed, Dictionary<long, UInt128> shown, CancellationToken ct)
    {
        if (changed.Count == 0)
        {
            return;
        }

        await lease.HoldOrThrowAsync(run.CompanyId, run.Id, ct);
        await db.InTransactionAsync(async (_, c) =>
        {
            // New rows set-based (a first sync writes one per person); changed ones are few, through EF Core.
            db.PersonDecisions.AddRange(changed.Where(r => !shown.ContainsKey(r.PersonioEmployeeId)));
            await writer.SaveAsync(db, c);
            db.PersonDecisions.UpdateRange(changed.Where(r => shown.ContainsKey(r.PersonioEmployeeId)));
            await db.SaveChangesAsync(c);
        }, ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Rows of people no longer in Personio's list go only when this run deactivated their user as confirmed gone, or
    /// when they have no user: a record missing from a paged list proves nothing, and the row still says why a user stays.
    /// </summary>
    private async Task DeleteStaleAsync(SyncRun run, SyncPlan plan, IEnumerable<long> stored, HashSet<long> withUser, CancellationToken ct)
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

        /// <summary>
        /// 128 bits of the SHA-256 of every shown field, each with its length (or as absent), so two different rows
        /// never write the same text; equal fingerprints are taken as equal rows.
        /// </summary>
        public UInt128 Fingerprint()
        {
            var text = new System.Text.StringBuilder(256);
            void Add(string? value) => (value is null ? text.Append('-') : text.Append(value.Length).Append(':').Append(value)).Append('|');
            Add(PersonioEmployeeId.ToString(CultureInfo.InvariantCulture));
            Add(Outcome.ToString());
            Add(ReasonCode);
            Add(Reason?.ToJson());
            Add(Name);
            Add(Email);
            Add(Status);
            Add(EmploymentType);
            Add(HireDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add(LegalEntityId);
            Add(LegalEntityName);
            Add(OfficeId);
            Add(OfficeName);
            Add(DepartmentId);
            Add(DepartmentName);
            Add(UserId?.ToString("N"));
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()), hash);
            return BinaryPrimitives.ReadUInt128LittleEndian(hash);
        }
    }
}
