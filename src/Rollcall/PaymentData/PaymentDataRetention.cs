using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;

namespace Rollcall.PaymentData;

/// <summary>
/// Erases the IBAN, personnel and creditor number of users deactivated longer ago than their company's
/// <c>PaymentDataRetentionDays</c> (null: never), and stamps <c>PaymentDataErasedAt</c>. Audited as the system step
/// <c>retention</c> (before masked, after empty). A reactivation clears <c>DeactivatedAt</c>, so it keeps the data.
/// Idempotent and safe on several nodes: a user is erased once, and a user changed meanwhile is judged again next time.
/// </summary>
internal sealed class PaymentDataRetention(RollcallDbContext db, TimeProvider time)
{
    public static readonly ChangeCause Cause = ChangeCause.System("retention");

    private const int BatchSize = 500;

    /// <summary>One pass over every company; the number of users whose payment data was erased.</summary>
    public async Task<int> EraseDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await StartClocksAsync(now, ct);
        var erased = 0;
        var companies = await db.Companies.AsNoTracking().Where(c => c.PaymentDataRetentionDays != null)
            .Select(c => new { c.Id, Days = c.PaymentDataRetentionDays!.Value }).ToListAsync(ct);
        foreach (var company in companies)
        {
            var before = now.AddDays(-company.Days);
            while (true)
            {
                var users = await db.DirectoryUsers
                    .Where(u => u.CompanyId == company.Id && u.Status == UserStatus.Deactivated && u.DeactivatedAt != null && u.DeactivatedAt <= before
                        && (u.SealedIban != null || u.SealedPersonnelNumber != null || u.SealedCreditorNumber != null))
                    .OrderBy(u => u.Id).Take(BatchSize).ToListAsync(ct);
                if (users.Count == 0)
                {
                    break;
                }

                foreach (var user in users)
                {
                    (user.SealedIban, user.SealedPersonnelNumber, user.SealedCreditorNumber) = (null, null, null);
                    user.PaymentDataErasedAt = now;
                }

                db.Cause = Cause;
                try
                {
                    await db.SaveChangesAsync(ct);
                    erased += users.Count;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Changed meanwhile (reactivated, say): judged again with fresh data.
                }

                db.ChangeTracker.Clear();
            }
        }

        return erased;
    }

    /// <summary>Users deactivated before deactivation times were recorded: their period starts now.</summary>
    private Task<int> StartClocksAsync(DateTime now, CancellationToken ct) =>
        db.DirectoryUsers.Where(u => u.Status == UserStatus.Deactivated && u.DeactivatedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DeactivatedAt, now), ct);
}
