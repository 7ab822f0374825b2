using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Rollcall.Data.Directory;

namespace Rollcall.Data.Audit;

/// <summary>
/// Writes an audit entry for every added, changed or deleted directory user in the same SaveChanges,
/// so no change to a user can land without one (what it writes for a user is <see cref="UserAuditDiff"/>, which the bulk
/// write path of a run uses too). Payment data (stored sealed) is compared by value and masked in the
/// diffs (<see cref="PaymentMask"/>).
/// </summary>
public sealed class AuditingInterceptor(TimeProvider time, IPaymentDataReader paymentData) : SaveChangesInterceptor
{
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
            if (UserAuditDiff.Prepare(entry, now, db.Cause, paymentData) is { } audit)
            {
                entries.Add(audit);
            }
        }

        db.AuditEntries.AddRange(entries);
    }
}
