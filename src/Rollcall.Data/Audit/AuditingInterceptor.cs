using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Rollcall.Data.Directory;

namespace Rollcall.Data.Audit;

/// <summary>
/// Writes an audit entry for every added, changed or deleted directory user in the same SaveChanges,
/// so no change to a user can land without one. Payment data (stored sealed) is compared by value and masked in the
/// diffs (<see cref="PaymentMask"/>).
/// </summary>
public sealed class AuditingInterceptor(TimeProvider time, IPaymentDataReader paymentData) : SaveChangesInterceptor
{
    private static readonly string[] AuditedFields =
    [
        nameof(DirectoryUser.FirstName), nameof(DirectoryUser.LastName), nameof(DirectoryUser.Email),
        nameof(DirectoryUser.Status), nameof(DirectoryUser.EmploymentType), nameof(DirectoryUser.Role),
        nameof(DirectoryUser.Source), nameof(DirectoryUser.PersonioEmployeeId),
    ];

    /// <summary>Payment data: audited by value (opened), masked, under the field's own name.</summary>
    private static readonly (string Field, string Property)[] PaymentFields =
    [
        ("iban", nameof(DirectoryUser.SealedIban)),
        ("personnelNumber", nameof(DirectoryUser.SealedPersonnelNumber)),
        ("creditorNumber", nameof(DirectoryUser.SealedCreditorNumber)),
    ];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddAuditEntries(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditEntries(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private void AddAuditEntries(DbContext? context)
    {
        if (context is not RollcallDbContext db)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries<DirectoryUser>())
        {
            var (action, changes) = entry.State switch
            {
                EntityState.Added => (AuditActions.UserCreated, Diff(entry, added: true)),
                EntityState.Modified => (AuditActions.UserUpdated, Diff(entry, added: false)),
                EntityState.Deleted => (AuditActions.UserDeleted, []),
                _ => (null, []),
            };
            // Fingerprints follow the stored payment data in the same save, so a run never trusts a stale one.
            if (entry.State == EntityState.Added || (entry.State == EntityState.Modified && PaymentFields.Any(p => entry.Property(p.Property).IsModified)))
            {
                entry.Entity.PaymentFingerprint = PaymentFingerprints.Of(entry.Entity, paymentData);
            }

            if (action is null || (entry.State == EntityState.Modified && changes.Count == 0))
            {
                continue;
            }

            var cause = db.Cause ?? throw new InvalidOperationException(
                "A change to a directory user was saved without a cause; set RollcallDbContext.Cause first.");
            Stamp(entry, now);
            entries.Add(new AuditEntry
            {
                CompanyId = entry.Entity.CompanyId,
                UserId = entry.Entity.Id,
                At = now,
                CauseKind = cause.Kind,
                CauseId = cause.Id,
                CauseName = cause.Name,
                Action = action,
                Changes = changes,
            });
        }

        db.AuditEntries.AddRange(entries);
    }

    private static void Stamp(EntityEntry<DirectoryUser> entry, DateTime now)
    {
        if (entry.State == EntityState.Added)
        {
            entry.Entity.CreatedAt = now;
        }

        entry.Entity.UpdatedAt = now;
        entry.Entity.ConcurrencyStamp = Guid.NewGuid();

        // Whatever deactivates or reactivates a user (a run, an admin, an approval, an undo), payment-data retention
        // counts from here; a reactivation stops the count, so the data is kept.
        var status = entry.Property(u => u.Status);
        var wasDeactivated = entry.State != EntityState.Added && status.OriginalValue == UserStatus.Deactivated;
        if (entry.Entity.Status == UserStatus.Deactivated && (!wasDeactivated || entry.Entity.DeactivatedAt is null))
        {
            entry.Entity.DeactivatedAt = now;
        }
        else if (entry.Entity.Status != UserStatus.Deactivated)
        {
            entry.Entity.DeactivatedAt = null;
        }
    }

    /// <summary>Org units audited as one field each: "Name (id)".</summary>
    private static readonly (string Field, string Id, string Name)[] AuditedUnits =
    [
        ("legalEntity", nameof(DirectoryUser.LegalEntityId), nameof(DirectoryUser.LegalEntityName)),
        ("office", nameof(DirectoryUser.OfficeId), nameof(DirectoryUser.OfficeName)),
        ("department", nameof(DirectoryUser.DepartmentId), nameof(DirectoryUser.DepartmentName)),
        ("team", nameof(DirectoryUser.TeamId), nameof(DirectoryUser.TeamName)),
    ];

    private List<FieldChange> Diff(EntityEntry<DirectoryUser> entry, bool added)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string? before, string? after)
        {
            if (before != after)
            {
                changes.Add(new FieldChange(field, before, after));
            }
        }

        foreach (var field in AuditedFields)
        {
            var property = entry.Property(field);
            Compare(ToCamelCase(field), added ? null : Format(field, property.OriginalValue), Format(field, property.CurrentValue));
        }

        foreach (var (field, name) in PaymentFields)
        {
            var property = entry.Property(name);
            var before = added ? (true, null) : Opened((string?)property.OriginalValue);
            var after = Opened((string?)property.CurrentValue);
            if (before != after)
            {
                changes.Add(new FieldChange(field, Shown(field, before), Shown(field, after)));
            }
        }

        foreach (var (field, id, name) in AuditedUnits)
        {
            Compare(field,
                added ? null : OrgText.Unit((string?)entry.Property(id).OriginalValue, (string?)entry.Property(name).OriginalValue),
                OrgText.Unit((string?)entry.Property(id).CurrentValue, (string?)entry.Property(name).CurrentValue));
        }

        var costCenters = entry.Property(u => u.CostCenters);
        Compare("costCenters", added ? null : OrgText.CostCenters(costCenters.OriginalValue), OrgText.CostCenters(costCenters.CurrentValue));
        foreach (var field in new[] { nameof(DirectoryUser.SupervisorEmployeeId), nameof(DirectoryUser.ManagerId) })
        {
            var property = entry.Property(field);
            Compare(field == nameof(DirectoryUser.ManagerId) ? "manager" : "supervisorEmployeeId",
                added ? null : Format(field, property.OriginalValue), Format(field, property.CurrentValue));
        }

        return changes;
    }

    private static string? Format(string field, object? value) => value switch
    {
        null => null,
        Enum e => e.ToString().ToLowerInvariant(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private (bool Readable, string? Value) Opened(string? stored) =>
        paymentData.TryOpen(stored, out var value) ? (true, value) : (false, stored);

    private static string? Shown(string field, (bool Readable, string? Value) opened) =>
        opened.Readable ? PaymentMask.Of(field, opened.Value) : PaymentMask.Unreadable;

    private static string ToCamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
