using System.Diagnostics.Metrics;
using Rollcall.Telemetry;

namespace Rollcall.Webhooks;

/// <summary>Webhook deliveries by what the receiver made of them.</summary>
internal sealed class WebhookMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _deliveries = meters.Create(RollcallTelemetry.Name)
        .CreateCounter<long>("rollcall.webhooks.deliveries", "{delivery}", "Personio webhook deliveries received, by outcome");

    public void Delivery(WebhookOutcome outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", Labels[(int)outcome]));

    private static readonly string[] Labels = ["accepted", "duplicate", "ignored", "unauthorized", "malformed", "too_large"];
}

internal enum WebhookOutcome
{
    Accepted,
    Duplicate,
    Ignored,
    Unauthorized,
    Malformed,
    TooLarge,
}
