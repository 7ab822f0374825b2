using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Webhooks;
using Rollcall.Webhooks;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// The webhook inbox as the receiver fills it (a row per delivery, fingerprinted by its body), and one processing round
/// as the loop runs it, so tests decide when events are processed.
/// </summary>
public static class WebhookTesting
{
    /// <summary>Records an event for <paramref name="personId"/>, received <paramref name="receivedAt"/> (default: a minute ago by the real clock).</summary>
    public static Task<long> RecordAsync(this SyncScenario s, string eventName, long personId, DateTime? receivedAt = null, RollcallApp? app = null)
    {
        var at = receivedAt ?? TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1);
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            company_id = s.Personio.Id, event_name = eventName, occurred_at = at, payload = new { id = personId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            meta = new { n = Guid.NewGuid() },
        });
        return (app ?? s.App).WithDbAsync(async db =>
        {
            var e = new WebhookEvent
            {
                CompanyId = s.Company.Id, Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))),
                EventName = eventName, PersonId = personId, OccurredAt = at, ReceivedAt = at,
            };
            db.WebhookEvents.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
    }

    /// <summary>One round of the processor: the runs it started.</summary>
    public static async Task<int> ProcessEventsAsync(this RollcallApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookProcessor>().ProcessAsync(CancellationToken.None);
    }

    /// <summary>One round of delta reads: the runs it started.</summary>
    public static async Task<int> RunDeltaReadsAsync(this RollcallApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeltaReads>().RunDueAsync(CancellationToken.None);
    }

    public static Task<List<WebhookEvent>> EventsAsync(this SyncScenario s) =>
        s.App.WithDbAsync(db => db.WebhookEvents.AsNoTracking().Where(e => e.CompanyId == s.Company.Id).OrderBy(e => e.Id).ToListAsync());

    public static Task<List<Rollcall.Data.Sync.SyncRun>> RunsAsync(this SyncScenario s, Rollcall.Data.Sync.SyncTrigger trigger) =>
        s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().Where(r => r.CompanyId == s.Company.Id && r.Trigger == trigger).OrderBy(r => r.StartedAt).ToListAsync());

    /// <summary>Personio data requests the sandbox received since the last reset, token requests left out (a token lasts a day).</summary>
    public static async Task<IReadOnlyDictionary<string, int>> DataRequestsAsync(this SandboxServer sandbox) =>
        (await sandbox.RequestCountsAsync()).Where(c => !c.Key.Contains("/auth", StringComparison.Ordinal)).ToDictionary(c => c.Key, c => c.Value);
}
