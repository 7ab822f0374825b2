using System.Diagnostics.Metrics;
using Rollcall.Data.Outbox;
using Rollcall.Telemetry;

namespace Rollcall.Mail;

/// <summary>
/// The dispatcher's instruments: each message handled, by kind and outcome, and for a sent one how long it waited from
/// being queued (held time and retries included). The outbox's depth and age are gauges read from the database
/// (<see cref="DatabaseGauges"/>).
/// </summary>
internal sealed class MailMetrics
{
    private static readonly string[] Kinds = ["invitation", "admin_notification"];
    private static readonly string[] Results = ["sent", "retrying", "failed", "cancelled"];

    private readonly Counter<long> _dispatched;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _connections;

    public MailMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(RollcallTelemetry.Name);
        _dispatched = meter.CreateCounter<long>("rollcall.mail.dispatched", "{message}", "Messages the dispatcher handled, by kind and outcome");
        _latency = meter.CreateHistogram("rollcall.mail.dispatch.latency", "s", "From a message being queued to it being sent", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600] });
        _connections = meter.CreateCounter<long>("rollcall.mail.smtp.connections", "{connection}", "SMTP connections opened by the dispatcher");
    }

    public void Connected() => _connections.Add(1);

    public void Handled(OutboxMessage message, SendResult result, DateTime now)
    {
        var kind = new KeyValuePair<string, object?>("kind", Kinds[(int)message.Kind]);
        _dispatched.Add(1, kind, new KeyValuePair<string, object?>("outcome", Results[(int)result]));
        if (result == SendResult.Sent)
        {
            _latency.Record(Math.Max(0, (now - message.CreatedAt).TotalSeconds), kind);
        }
    }
}
