using System.Diagnostics;
using System.Globalization;

namespace Rollcall.Endpoints;

/// <summary>
/// A verb's <c>--timings</c>: the seconds from the process's start to its first outgoing HTTP request (a verb talks to
/// Personio only) and to the verb's end, each with the peak working set so far, as two lines on standard error:
/// <c>timings: first-request 0.612 s, peak working set 61.4 MB</c>. The whole-process benchmark reads them.
/// </summary>
internal sealed class VerbTimings : IDisposable
{
    private readonly ActivityListener _listener;
    private string? _firstRequest;

    private VerbTimings()
    {
        // HttpClient starts an activity of this source for every request once anything listens to it.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStarted = _ => Interlocked.CompareExchange(ref _firstRequest, Line("first-request"), null),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public static VerbTimings Start() => new();

    public void Report()
    {
        Console.Error.WriteLine(Volatile.Read(ref _firstRequest) ?? "timings: first-request none");
        Console.Error.WriteLine(Line("end"));
    }

    private static string Line(string moment)
    {
        using var process = Process.GetCurrentProcess();
        var seconds = (TimeProvider.System.GetUtcNow() - new DateTimeOffset(process.StartTime.ToUniversalTime())).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"timings: {moment} {seconds:F3} s, peak working set {process.PeakWorkingSet64 / 1048576.0:F1} MB");
    }

    public void Dispose() => _listener.Dispose();
}
