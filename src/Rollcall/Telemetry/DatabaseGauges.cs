using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Outbox;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;

namespace Rollcall.Telemetry;

/// <summary>
/// Gauges read from the database: the mail outbox's depth and oldest waiting message, and each connected company's
/// time since its last successful run. A reading is reused for <see cref="TelemetryOptions.GaugeCacheDuration"/>, so
/// however often metrics are collected the database sees three small queries at most that often. Created on start, so
/// the instruments exist before the first collection.
/// </summary>
internal sealed partial class DatabaseGauges : IHostedService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly IOptions<TelemetryOptions> _options;
    private readonly ILogger<DatabaseGauges> _logger;
    private readonly Lock _gate = new();
    private Reading? _last;

    public DatabaseGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time, IOptions<TelemetryOptions> options, ILogger<DatabaseGauges> logger)
    {
        _scopes = scopes;
        _time = time;
        _options = options;
        _logger = logger;
        var meter = meters.Create(RollcallTelemetry.Name);
        meter.CreateObservableGauge("rollcall.mail.outbox.depth", () => Read()?.Depth ?? [], "{message}",
            "Messages waiting to be sent; held: waiting for an admin's release");
        meter.CreateObservableGauge("rollcall.mail.outbox.oldest_age", () => Read()?.OldestAge ?? [], "s",
            "Age of the oldest message waiting to be sent (held messages aside)");
        meter.CreateObservableGauge("rollcall.sync.lag", () => Read()?.Lag ?? [], "s",
            "Time since each connected company's last successful run (since connecting, before the first)");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record Reading(DateTimeOffset At, Measurement<long>[] Depth, Measurement<double>[] OldestAge, Measurement<double>[] Lag);

    /// <summary>The cached reading, or a fresh one; none while the database cannot be read (the gauges then report nothing).</summary>
    private Reading? Read()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_last is { } last && now - last.At < _options.Value.GaugeCacheDuration)
            {
                return last;
            }

            try
            {
                _last = Query(now);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException
                or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
            {
                LogUnreadable(_logger, e.GetType().Name);
                _last = new Reading(now, [], [], []);
            }

            return _last;
        }
    }

    // Observable callbacks are synchronous: these are EF's synchronous queries, on a scope of their own.
    private Reading Query(DateTimeOffset now)
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
        var utc = now.UtcDateTime;
        var pending = db.OutboxMessages.AsNoTracking().Where(m => m.State == MessageState.Pending);
        var held = pending.Count(m => m.Held);
        var waiting = pending.Count(m => !m.Held);
        var oldest = pending.Where(m => !m.Held).OrderBy(m => m.CreatedAt).Select(m => (DateTime?)m.CreatedAt).FirstOrDefault();

        var connected = db.PersonioIntegrations.AsNoTracking().Where(i => i.State != IntegrationState.NotConnected)
            .Select(i => new { i.CompanyId, i.ConnectedAt }).ToList();
        var companies = connected.Select(c => c.CompanyId).ToList();
        var succeeded = db.SyncRuns.AsNoTracking()
            .Where(r => companies.Contains(r.CompanyId) && r.State == RunState.Succeeded && !r.DryRun && r.FinishedAt != null)
            .GroupBy(r => r.CompanyId).Select(g => new { CompanyId = g.Key, Last = g.Max(r => r.FinishedAt) })
            .ToDictionary(r => r.CompanyId, r => r.Last);
        var lag = connected
            .Select(c => (c.CompanyId, Since: succeeded.GetValueOrDefault(c.CompanyId) ?? c.ConnectedAt))
            .Where(c => c.Since is not null)
            .Select(c => new Measurement<double>(Seconds(utc - c.Since!.Value), new KeyValuePair<string, object?>(RollcallTelemetry.CompanyLabel, c.CompanyId.ToString())))
            .ToArray();

        return new Reading(now,
            [new(waiting, new KeyValuePair<string, object?>("held", "false")), new(held, new KeyValuePair<string, object?>("held", "true"))],
            oldest is { } at ? [new(Seconds(utc - at))] : [],
            lag);
    }

    private static double Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Gauges could not read the database ({Error}); they report nothing until it can be read")]
    private static partial void LogUnreadable(ILogger logger, string error);
}
