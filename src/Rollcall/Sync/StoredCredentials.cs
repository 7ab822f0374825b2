using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Personio;
using Rollcall.Mail;
using Rollcall.Mail.Notifications;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>
/// A company's stored Personio credentials, decrypted for a run, an approval, a check or the page. A secret Rollcall can
/// no longer decrypt (its Data Protection key was deleted, or is protected by a certificate no longer configured) leaves
/// a connected integration needing new credentials: it says so, its nightly run stops, the admins hear once, and the
/// directory stays as it is until an admin enters the credentials again.
/// </summary>
internal sealed partial class StoredCredentials(IServiceScopeFactory scopes, PersonioSecrets secrets, ILogger<StoredCredentials> logger)
{
    public async Task<StoredSecret> ReadAsync(PersonioIntegration integration, CancellationToken ct)
    {
        var read = secrets.Read(integration);
        if (read.Unreadable && integration.State == IntegrationState.Connected)
        {
            await MarkUnreadableAsync(integration, ct);
        }

        return read;
    }

    /// <summary>
    /// In a unit of work of its own, so nothing the caller has pending is saved with it. Only the secret that failed is
    /// marked: credentials an admin saved meanwhile stand.
    /// </summary>
    private async Task MarkUnreadableAsync(PersonioIntegration integration, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
        var mail = scope.ServiceProvider.GetRequiredService<MailQueue>();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var marked = await db.PersonioIntegrations
                .Where(i => i.CompanyId == integration.CompanyId && i.State == IntegrationState.Connected && i.EncryptedSecret == integration.EncryptedSecret)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, IntegrationState.SecretUnreadable).SetProperty(i => i.ConcurrencyStamp, Guid.NewGuid()), ct);
            if (marked == 0)
            {
                return;
            }

            await mail.NotifyAdminsAsync(integration.CompanyId, new SecretUnreadable(integration.CompanyId, integration.ConnectedAt), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        LogUnreadable(logger, integration.CompanyId);
        await scope.ServiceProvider.GetRequiredService<SyncSchedule>().UpdateAsync(integration.CompanyId, ct); // no nightly run until new credentials
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning,
        Message = "Company {CompanyId}: the stored Personio secret can no longer be decrypted (its Data Protection key is missing from the key ring or cannot be read); "
            + "syncing stops until an admin enters the credentials again")]
    private static partial void LogUnreadable(ILogger logger, Guid companyId);
}
