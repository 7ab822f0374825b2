using System.Diagnostics.Metrics;
using Rollcall.Data.Sync;
using Rollcall.Telemetry;

namespace Rollcall.Sync;

/// <summary>
/// The sync's instruments: runs by how they ended and what started them, their duration, and the steps written by kind
/// and status. Labels are snake_case names of Rollcall's own states, computed once.
/// </summary>
internal sealed class SyncMetrics
{
    private static readonly string[] States = Names<RunState>();
    private static readonly string[] Triggers = Names<SyncTrigger>();
    private static readonly string[] Kinds = Names<StepKind>();
    private static readonly string[] Statuses = Names<StepStatus>();

    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _steps;
    private readonly Counter<long> _corrections;

    public SyncMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(RollcallTelemetry.Name);
        _runs = meter.CreateCounter<long>("rollcall.sync.runs", "{run}", "Sync runs that ended, by state and trigger");
        _duration = meter.CreateHistogram("rollcall.sync.run.duration", "s", "From a run's start to its end", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600] });
        _steps = meter.CreateCounter<long>("rollcall.sync.steps", "{step}", "Steps written by runs, by kind and status (planned: a preview's)");
        _corrections = meter.CreateCounter<long>("rollcall.sync.corrections", "{change}",
            "Changes full reads applied that the webhook and delta paths had missed (drift)");
    }

    public static string StateName(RunState state) => States[(int)state];

    public static string TriggerName(SyncTrigger trigger) => Triggers[(int)trigger];

    public void RunEnded(SyncRun run)
    {
        var state = new KeyValuePair<string, object?>("state", StateName(run.State));
        var trigger = new KeyValuePair<string, object?>("trigger", TriggerName(run.Trigger));
        _runs.Add(1, state, trigger);
        if (run.Corrections is { } corrections and > 0)
        {
            _corrections.Add(corrections, trigger);
        }

        if (run.FinishedAt is { } finished)
        {
            _duration.Record(Math.Max(0, (finished - run.StartedAt).TotalSeconds), state, trigger);
        }
    }

    /// <summary>A batch's steps once its transaction is committed: <paramref name="counts"/> by <see cref="Slot"/>.</summary>
    public void StepsWritten(int[] counts)
    {
        if (!_steps.Enabled)
        {
            return;
        }

        for (var slot = 0; slot < counts.Length; slot++)
        {
            if (counts[slot] > 0)
            {
                _steps.Add(counts[slot], new("kind", Kinds[slot / Statuses.Length]), new("status", Statuses[slot % Statuses.Length]));
            }
        }
    }

    public static int[] NewStepCounts() => new int[Kinds.Length * Statuses.Length];

    public static int Slot(StepKind kind, StepStatus status) => ((int)kind * Statuses.Length) + (int)status;

    private static string[] Names<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString())).ToArray();
}
