using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rollcall.Data;
using Rollcall.Data.Outbox;
using Rollcall.Data.Sync;
using Rollcall.Reasons;

namespace Rollcall.Benchmarks;

/// <summary>
/// Watches a fleet night from outside the nodes: every 200 ms the database's connections (its own excepted) and each
/// node's working set, and on request the nightly runs as the database records them.
/// </summary>
internal sealed class FleetProbe : IAsyncDisposable
{
    private const string ProbeName = "rollcall-fleet-probe";
    private readonly string _database;
    private readonly NpgsqlConnection _sampler;
    private readonly NpgsqlConnection _queries;
    private readonly RollcallDbContext _db;
    private readonly IReadOnlyList<FleetNode> _nodes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly Dictionary<int, (TimeSpan Baseline, TimeSpan Last)> _backends = [];
    private bool _counting;
    private readonly DateTime _night;

    /// <param name="night">The nightly minute: runs and invitations before it belong to an earlier night.</param>
    public FleetProbe(string connectionString, IReadOnlyList<FleetNode> nodes, DateTime night)
    {
        _night = night;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ProbeName, Pooling = false };
        _database = builder.Database!;
        // Two connections of the probe's own, both left out of the count: one for the sampler, one for the run queries.
        _sampler = new NpgsqlConnection(builder.ToString());
        _sampler.Open();
        _queries = new NpgsqlConnection(builder.ToString());
        _queries.Open(); // kept open, so EF Core does not open a new backend for every poll
        _db = new RollcallDbContext(new DbContextOptionsBuilder<RollcallDbContext>().UseNpgsql(_queries).Options);
        _nodes = nodes;
        PeakWorkingSets = new long[nodes.Count];
        _sampling = SampleAsync(_stop.Token);
    }

    public int PeakConnections { get; private set; }

    public long[] PeakWorkingSets { get; }

    public sealed record Progress(int Finished, int Running, int Runs, int Failed);

    public sealed record Night(
        DateTime? LastFirstFinish, DateTime? FirstStart, double RunSeconds, int Runs, int Companies, int Failed, int Invitations, int Sent, string[] FailureReasons);

    /// <summary>Companies with a finished nightly run, runs still running, all nightly runs, failed ones.</summary>
    public async Task<Progress> ProgressAsync()
    {
        var nightly = _db.SyncRuns.Where(r => r.Trigger == SyncTrigger.Schedule && r.StartedAt >= _night);
        var finished = await nightly.Where(r => r.State != RunState.Running).Select(r => r.CompanyId).Distinct().CountAsync();
        var byState = await nightly.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return new Progress(finished, byState.Where(s => s.Key == RunState.Running).Sum(s => s.Count), byState.Sum(s => s.Count),
            byState.Where(s => s.Key == RunState.Failed).Sum(s => s.Count));
    }

    /// <summary>
    /// The night as recorded: when the last company's first nightly run finished, when the first run started, the runs'
    /// summed duration, nightly runs and companies with one, failed runs, invitations queued and sent.
    /// </summary>
    public async Task<Night> NightAsync()
    {
        var nightly = _db.SyncRuns.Where(r => r.Trigger == SyncTrigger.Schedule && r.StartedAt >= _night);
        var firstFinishes = await nightly.Where(r => r.FinishedAt != null).GroupBy(r => r.CompanyId).Select(g => g.Min(r => r.FinishedAt)).ToListAsync();
        var spans = await nightly.Where(r => r.FinishedAt != null).Select(r => new { r.StartedAt, r.FinishedAt }).ToListAsync();
        var queued = _db.OutboxMessages.Where(m => m.Kind == MessageKind.Invitation && m.CreatedAt >= _night);
        var invitations = await queued.CountAsync();
        var sent = await queued.CountAsync(m => m.State == MessageState.Sent);
        var reasons = (await nightly.Where(r => r.State == RunState.Failed).Select(r => r.Reason).ToListAsync())
            .GroupBy(r => r?.English() ?? "no reason").OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} × {g.Key}").ToArray();
        return new Night(
            firstFinishes.Max(),
            await nightly.Select(r => (DateTime?)r.StartedAt).MinAsync(),
            spans.Sum(s => (s.FinishedAt!.Value - s.StartedAt).TotalSeconds),
            await nightly.CountAsync(),
            await nightly.Select(r => r.CompanyId).Distinct().CountAsync(),
            await nightly.CountAsync(r => r.State == RunState.Failed),
            invitations,
            sent,
            reasons);
    }

    /// <summary>From now on, <see cref="PostgresCpu"/> counts the CPU the database's backends use.</summary>
    public void MarkNight()
    {
        lock (_backends)
        {
            _counting = true;
            foreach (var pid in _backends.Keys.ToList())
            {
                _backends[pid] = (_backends[pid].Last, _backends[pid].Last);
            }
        }
    }

    /// <summary>
    /// CPU used by the backends serving this database (the nodes' connections) since <see cref="MarkNight"/>, as last
    /// sampled; PostgreSQL's own background processes (WAL writer, checkpointer, autovacuum) are not in it.
    /// </summary>
    public TimeSpan PostgresCpu()
    {
        lock (_backends)
        {
            return _backends.Values.Aggregate(TimeSpan.Zero, (sum, b) => sum + (b.Last - b.Baseline));
        }
    }

    private async Task SampleAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = @db AND application_name <> @probe", _sampler);
        command.Parameters.AddWithValue("db", _database);
        command.Parameters.AddWithValue("probe", ProbeName);
        try
        {
            do
            {
                var pids = new List<int>();
                await using (var reader = await command.ExecuteReaderAsync(stop))
                {
                    while (await reader.ReadAsync(stop))
                    {
                        pids.Add(reader.GetInt32(0));
                    }
                }

                PeakConnections = Math.Max(PeakConnections, pids.Count);
                foreach (var pid in pids)
                {
                    NoteBackend(pid);
                }

                for (var i = 0; i < _nodes.Count; i++)
                {
                    if (!_nodes[i].HasExited)
                    {
                        PeakWorkingSets[i] = Math.Max(PeakWorkingSets[i], _nodes[i].WorkingSet());
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A backend first seen after the night began started during it: all its CPU counts.</summary>
    private void NoteBackend(int pid)
    {
        TimeSpan cpu;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            cpu = process.TotalProcessorTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return; // gone, or not on this machine
        }

        lock (_backends)
        {
            _backends[pid] = _backends.TryGetValue(pid, out var known) ? (known.Baseline, cpu) : (_counting ? TimeSpan.Zero : cpu, cpu);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        await _db.DisposeAsync();
        await _queries.DisposeAsync();
        await _sampler.DisposeAsync();
        _stop.Dispose();
    }
}
