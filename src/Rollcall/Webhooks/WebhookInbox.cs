using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Webhooks;

namespace Rollcall.Webhooks;

/// <summary>
/// The receiver's two questions to the database: whose token is this, and has this delivery been recorded before. It
/// never calls Personio: recording is all a delivery waits for.
/// </summary>
internal sealed partial class WebhookInbox(RollcallDbContext db, TimeProvider time, ILogger<WebhookInbox> logger)
{
    /// <summary>
    /// The company whose current token, or previous token within its overlap, is <paramref name="presented"/>; null
    /// otherwise. An unknown company, one without a token and a route id that is no id at all cost the same hash and
    /// comparisons as a wrong token, so the answer's timing tells little about which it was.
    /// </summary>
    public async Task<Guid?> AuthenticateAsync(string routeCompanyId, string presented, CancellationToken ct)
    {
        var presentedHash = WebhookToken.Hash(presented);
        var hashes = Guid.TryParse(routeCompanyId, out var companyId)
            ? await db.PersonioIntegrations.AsNoTracking().Where(i => i.CompanyId == companyId)
                .Select(i => new { i.WebhookTokenHash, i.WebhookPreviousTokenHash, i.WebhookPreviousTokenUntil })
                .SingleOrDefaultAsync(ct)
            : null;
        var previousValid = hashes?.WebhookPreviousTokenUntil > time.GetUtcNow().UtcDateTime;
        var current = WebhookToken.Matches(presentedHash, hashes?.WebhookTokenHash);
        var previous = WebhookToken.Matches(presentedHash, previousValid ? hashes?.WebhookPreviousTokenHash : null);
        return current | previous ? companyId : null;
    }

    /// <summary>
    /// Records the event once per body: false when the same body was recorded before (a retry, a redelivery). Two nodes
    /// recording the same body at once both try to insert; the unique index lets one row in, and the other reads it.
    /// </summary>
    public async Task<bool> RecordAsync(Guid companyId, WebhookEnvelope envelope, byte[] body, CancellationToken ct)
    {
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(body));
        if (await ExistsAsync(companyId, fingerprint, ct))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.WebhookEvents.Add(new WebhookEvent
        {
            CompanyId = companyId,
            Fingerprint = fingerprint,
            EventName = envelope.EventName,
            PersonId = envelope.PersonId,
            EmploymentId = envelope.EmploymentId,
            OccurredAt = envelope.OccurredAt ?? now,
            ReceivedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await ExistsAsync(companyId, fingerprint, ct))
            {
                LogRaced(logger, companyId);
                return false;
            }

            throw;
        }

        // Not through the tracked integration: an admin's edit saved meanwhile must not fail on its concurrency stamp.
        await db.PersonioIntegrations.Where(i => i.CompanyId == companyId && (i.LastEventAt == null || i.LastEventAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LastEventAt, now), ct);
        LogRecorded(logger, envelope.EventName, companyId);
        return true;
    }

    private Task<bool> ExistsAsync(Guid companyId, string fingerprint, CancellationToken ct) =>
        db.WebhookEvents.AnyAsync(e => e.CompanyId == companyId && e.Fingerprint == fingerprint, ct);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Webhook event {EventName} recorded for company {CompanyId}")]
    private static partial void LogRecorded(ILogger logger, string eventName, Guid companyId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "Webhook delivery for company {CompanyId} was recorded by another node at the same time")]
    private static partial void LogRaced(ILogger logger, Guid companyId);
}
