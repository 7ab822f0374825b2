using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Rollcall.Data.Directory;

namespace Rollcall.Data.Audit;

/// <summary>
/// What a save writes for one added, changed or deleted directory user besides the user: the payment fingerprint, the
/// stamps (times, concurrency stamp, deactivation time) and the audit entry with its field-by-field diff. The one
/// definition both writers use: <see cref="AuditingInterceptor"/> in every SaveChanges, and a run's bulk write path,
/// which writes users without SaveChanges; so the two can never drift.
/// </summary>
public static class UserAuditDiff
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

    /// <summary>Org units audited as one field each: "Name (id)".</summary>
    private static readonly (string Field, string Id, string Name)[] AuditedUnits =
    [
        ("legalEntity", nameof(DirectoryUser.LegalEntityId), nameof(DirectoryUser.LegalEntityName)),
        ("office", nameof(DirectoryUser.OfficeId), nameof(DirectoryUser.OfficeName)),
        ("department", nameof(DirectoryUser.DepartmentId), nameof(DirectoryUser.DepartmentName)),
        ("team", nameof(DirectoryUser.TeamId), nameof(DirectoryUser.TeamName)),
    ];

    /// <summary>
    /// Brings <paramref name="entry"/> up to date for its save (fingerprint, stamps) and returns its audit entry; null
    /// when there is nothing to audit (unchanged, or modified without an audited difference). Throws when a change has
    /// no <paramref name="cause"/>: every change to a user names one.
    /// </summary>
    public static AuditEntry? Prepare(EntityEntry<DirectoryUser> entry, DateTime now, ChangeCause? cause, IPaymentDataReader paymentData)
    {
        var (action, changes) = entry.State switch
        {
            EntityState.Added => (AuditActions.UserCreated, Of(entry, added: true, paymentData)),
            EntityState.Modified => (AuditActions.UserUpdated, Of(entry, added: false, paymentData)),
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
            return null;
        }

        var by = cause ?? throw new InvalidOperationException(
            "A change to a directory user was saved without a cause; set RollcallDbContext.Cause first.");
        Stamp(entry, now);
        return new AuditEntry
        {
            CompanyId = entry.Entity.CompanyId,
            UserId = entry.Entity.Id,
            At = now,
            CauseKind = by.Kind,
            CauseId = by.Id,
            CauseName = by.Name,
            Action = action,
            Changes = changes,
        };
    }

    /// <summary>The field-by-field diff of an added user (everything against nothing) or a modified one (original against current).</summary>
    public static List<FieldChange> Of(EntityEntry<DirectoryUser> entry, bool added, IPaymentDataReader paymentData)
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
            Compare(ToCamelCase(field), added ? null : Format(property.OriginalValue), Format(property.CurrentValue));
        }

        foreach (var (field, name) in PaymentFields)
        {
            var property = entry.Property(name);
            if (!added && !property.IsModified)
            {
                continue; // the same sealed text holds the same value: nothing to open
            }

            var before = added ? (true, null) : Opened(paymentData, (string?)property.OriginalValue);
            var after = Opened(paymentData, (string?)property.CurrentValue);
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
                added ? null : Format(property.OriginalValue), Format(property.CurrentValue));
        }

        return changes;
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

    private static string? Format(object? value) => value switch
    {
        null => null,
        Enum e => e.ToString().ToLowerInvariant(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static (bool Readable, string? Value) Opened(IPaymentDataReader paymentData, string? stored) =>
        paymentData.TryOpen(stored, out var value) ? (true, value) : (false, stored);

    private static string? Shown(string field, (bool Readable, string? Value) opened) =>
        opened.Readable ? PaymentMask.Of(field, opened.Value) : PaymentMask.Unreadable;

    private static string ToCamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
