using System.ComponentModel.DataAnnotations;

namespace Rollcall.Telemetry;

/// <summary>Metrics and traces. Section <c>Telemetry</c>. Off unless an OTLP endpoint is set or Prometheus is on.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>OTLP export of metrics and traces to a collector; on when <see cref="OtlpOptions.Endpoint"/> is set.</summary>
    public OtlpOptions Otlp { get; set; } = new();

    /// <summary>Serves Prometheus text at <c>/metrics</c> to loopback and <see cref="MetricsNetworks"/>; anyone else gets 404.</summary>
    public bool Prometheus { get; set; }

    /// <summary>Networks in CIDR notation (<c>10.0.0.0/8</c>) that may scrape <c>/metrics</c>, besides loopback.</summary>
    public List<string> MetricsNetworks { get; set; } = [];

    /// <summary>How long the gauges read from the database (outbox, sync lag) are reused, so scrapes cannot hammer the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan GaugeCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => Otlp.Endpoint is not null || Prometheus;
}

public sealed class OtlpOptions
{
    /// <summary>The collector's base URL, such as <c>http://otel-collector:4318</c> (HTTP) or <c>http://otel-collector:4317</c> (gRPC).</summary>
    public Uri? Endpoint { get; set; }

    public OtlpProtocol Protocol { get; set; } = OtlpProtocol.HttpProtobuf;
}

public enum OtlpProtocol
{
    HttpProtobuf,
    Grpc,
}
