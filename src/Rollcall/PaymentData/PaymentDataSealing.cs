using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;

namespace Rollcall.PaymentData;

/// <summary>
/// Seals payment data stored in clear by a version of Rollcall from before sealing, in place, on start after the
/// migrations (hosted services start in order, before requests are served). In batches, each its own save: restartable
/// (each pass looks for what is still in clear), idempotent (a sealed value is left alone), and safe on several nodes at
/// once: a row another node or a run changed meanwhile fails its concurrency check and is read again; two nodes sealing
/// the same row both write a sealed form of the same value. Values are never logged, only counts.
/// </summary>
internal sealed partial class PaymentDataSealing(IServiceProvider services, ILogger<PaymentDataSealing> logger) : IHostedService
{
    public const int BatchSize = 500;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.GetRequiredService<PaymentFingerprintKey>().LoadAsync(cancellationToken);
        var sealedCount = await SealAllAsync(services, cancellationToken);
        if (sealedCount > 0)
        {
            LogSealed(logger, sealedCount);
        }

        var fingerprinted = await FingerprintAllAsync(services, cancellationToken);
        if (fingerprinted > 0)
        {
            LogFingerprinted(logger, fingerprinted);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Seals every value still in clear; the number of users sealed.</summary>
    public static async Task<int> SealAllAsync(IServiceProvider services, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
            var seal = scope.ServiceProvider.GetRequiredService<PaymentDataSeal>();
            var users = await db.DirectoryUsers
                .Where(u => (u.SealedIban != null && !u.SealedIban.StartsWith(PaymentDataSeal.Marker))
                    || (u.SealedPersonnelNumber != null && !u.SealedPersonnelNumber.StartsWith(PaymentDataSeal.Marker))
                    || (u.SealedCreditorNumber != null && !u.SealedCreditorNumber.StartsWith(PaymentDataSeal.Marker)))
                .OrderBy(u => u.Id).Take(BatchSize).ToListAsync(ct);
            if (users.Count == 0)
            {
                return total;
            }

            foreach (var user in users)
            {
                user.SealedIban = SealIfClear(seal, user.SealedIban);
                user.SealedPersonnelNumber = SealIfClear(seal, user.SealedPersonnelNumber);
                user.SealedCreditorNumber = SealIfClear(seal, user.SealedCreditorNumber);
            }

            // The values do not change, so the audit trail records nothing; a cause is set all the same.
            db.Cause = ChangeCause.System("payment-data-sealing");
            try
            {
                await db.SaveChangesAsync(ct);
                total += users.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed by another node or a run since it was read: the next pass reads it again.
            }
        }
    }

    /// <summary>
    /// Gives fingerprints to users with payment data stored before fingerprints existed, so their next unchanged run
    /// opens nothing. Like sealing: in batches, restartable, and a row changed meanwhile (whose save made its own
    /// fingerprints) fails its concurrency check and is left alone. The number of users fingerprinted.
    /// </summary>
    public static async Task<int> FingerprintAllAsync(IServiceProvider services, CancellationToken ct)
    {
        var total = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
            var seal = scope.ServiceProvider.GetRequiredService<PaymentDataSeal>();
            var users = await db.DirectoryUsers
                .Where(u => u.PaymentFingerprint == null && (u.SealedIban != null || u.SealedPersonnelNumber != null || u.SealedCreditorNumber != null))
                .Where(u => u.Id.CompareTo(after) > 0)
                .OrderBy(u => u.Id).Take(BatchSize).ToListAsync(ct);
            if (users.Count == 0)
            {
                return total;
            }

            after = users[^1].Id; // a row that failed its check is not asked for again in this pass
            foreach (var user in users)
            {
                user.PaymentFingerprint = PaymentFingerprints.Of(user, seal);
            }

            db.Cause = ChangeCause.System("payment-data-fingerprints");
            try
            {
                await db.SaveChangesAsync(ct);
                total += users.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed since it was read: that save wrote its own fingerprints.
            }
        }
    }

    private static string? SealIfClear(PaymentDataSeal seal, string? stored) =>
        stored is null || PaymentDataSeal.IsSealed(stored) ? stored : seal.Seal(stored);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Payment-data fingerprints made for {Count} user(s) stored before fingerprints")]
    private static partial void LogFingerprinted(ILogger logger, int count);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Payment data sealed in place for {Count} user(s) stored in clear")]
    private static partial void LogSealed(ILogger logger, int count);
}
