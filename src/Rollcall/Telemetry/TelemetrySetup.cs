using System.Net;
using System.Reflection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Rollcall.Telemetry;

internal static class TelemetrySetup
{
    /// <summary>
    /// Rollcall's gauges always; the OpenTelemetry SDK (Rollcall's meter and spans, ASP.NET Core and HttpClient) only when
    /// an exporter is configured: OTLP for metrics and traces, Prometheus for metrics.
    /// </summary>
    public static IHostApplicationBuilder AddRollcallTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>()
            .BindConfiguration(TelemetryOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Otlp.Endpoint is null || (o.Otlp.Endpoint.IsAbsoluteUri && o.Otlp.Endpoint.Scheme is "http" or "https"),
                "Telemetry:Otlp:Endpoint must be an absolute http or https URL, such as http://otel-collector:4318.")
            .Validate(o => o.MetricsNetworks.All(n => Cidr.TryParse(n, out _)),
                "Telemetry:MetricsNetworks must list networks in CIDR notation, such as 10.0.0.0/8 (no bits set after the prefix).")
            .ValidateOnStart();
        services.AddSingleton<DatabaseGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseGauges>());

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.Otlp.Endpoint is { IsAbsoluteUri: true, Scheme: "http" or "https" } endpoint ? endpoint : null; // else validation stops the start
        if (otlp is null && !options.Prometheus)
        {
            return builder;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("rollcall", serviceVersion: Version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RollcallTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Otlp(o, otlp, options.Otlp.Protocol, "v1/metrics"));
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(RollcallTelemetry.Name)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.EnrichWithHttpRequest = TraceRedaction.IncomingRequest;
                    o.EnrichWithHttpResponse = TraceRedaction.IncomingResponse;
                })
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = TraceRedaction.OutgoingRequest)
                .AddOtlpExporter(o => Otlp(o, otlp, options.Otlp.Protocol, "v1/traces")));
        }

        return builder;
    }

    /// <summary>
    /// Prometheus text at <c>/metrics</c> for loopback and <see cref="TelemetryOptions.MetricsNetworks"/>; anyone else is
    /// told nothing is there (404). Behind the forwarded-headers middleware, so a client behind a trusted proxy is judged by
    /// its own address, not the proxy's.
    /// </summary>
    public static WebApplication UseRollcallTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.Prometheus)
        {
            var networks = options.MetricsNetworks.Select(Cidr.Parse).ToList();
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Request.Path == "/metrics" && MayScrape(context.Connection.RemoteIpAddress, networks));
        }

        return app;
    }

    private static bool MayScrape(IPAddress? address, List<IPNetwork> networks)
    {
        if (address is null)
        {
            return false;
        }

        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IPAddress.IsLoopback(ip) || networks.Exists(n => n.Contains(ip));
    }

    private static void Otlp(OtlpExporterOptions o, Uri endpoint, OtlpProtocol protocol, string signalPath)
    {
        o.Protocol = protocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        // A programmatic endpoint is used as is: over HTTP each signal has its own path under the collector's base URL.
        o.Endpoint = protocol == OtlpProtocol.Grpc ? endpoint : new Uri(endpoint.ToString().TrimEnd('/') + "/" + signalPath);
    }

    private static string Version { get; } =
        typeof(TelemetrySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
