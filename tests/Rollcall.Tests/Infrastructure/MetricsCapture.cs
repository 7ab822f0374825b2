using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// Every measurement of one Rollcall app's meter (the meter its own <see cref="IMeterFactory"/> made, so apps of tests
/// running alongside are not heard), with its tags.
/// </summary>
public sealed class MetricsCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

    public MetricsCapture(RollcallApp app)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Rollcall" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<Measured> All => _measured.ToList();

    /// <summary>Reads the observable instruments (gauges) now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public List<double> Values(string instrument, params (string Key, string Value)[] tags) =>
        _measured.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value)).Select(m => m.Value).ToList();

    public double Sum(string instrument, params (string Key, string Value)[] tags) => Values(instrument, tags).Sum();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value?.ToString();
        }

        _measured.Enqueue(new Measured(instrument.Name, value, copied));
    }

    public void Dispose() => _listener.Dispose();
}
