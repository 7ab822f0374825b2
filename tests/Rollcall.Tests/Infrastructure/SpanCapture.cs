using System.Collections.Concurrent;
using System.Diagnostics;

namespace Rollcall.Tests.Infrastructure;

/// <summary>Every span that ends in this process from Rollcall's source, HttpClient and ASP.NET Core, while the capture lives.</summary>
public sealed class SpanCapture : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _ended = new();

    public SpanCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Rollcall" or "System.Net.Http" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ended.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Ended => _ended.ToList();

    public void Dispose() => _listener.Dispose();
}
