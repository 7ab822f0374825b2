using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Telemetry;

public sealed class TelemetryTests
{
    private const string Endpoint = "/v1/company/employees";

    [Fact]
    public async Task Sync_CountsTheRunItsStepsAndEveryPersonioAttempt_A429AndItsRetryIncluded()
    {
        await using var scenario = await SyncScenario.ConnectedAsync(new Dictionary<string, string?> { ["Telemetry:GaugeCacheDuration"] = "00:00:00" });
        using var metrics = new MetricsCapture(scenario.App);
        await scenario.HireManyAsync(2);
        await scenario.Sandbox.ArmFaultAsync("rate_limited", path: Endpoint);

        var run = await scenario.SyncAsync();

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(1, metrics.Sum("rollcall.sync.runs", ("state", "succeeded"), ("trigger", "manual")));
        Assert.Single(metrics.Values("rollcall.sync.run.duration", ("state", "succeeded"), ("trigger", "manual")));
        Assert.Equal(2, metrics.Sum("rollcall.sync.steps", ("kind", "create"), ("status", "applied")));
        Assert.Equal(1, metrics.Sum("rollcall.personio.requests", ("endpoint", Endpoint), ("status", "429")));
        Assert.True(metrics.Sum("rollcall.personio.requests", ("endpoint", Endpoint), ("status", "200")) >= 1);
        Assert.Equal(1, metrics.Sum("rollcall.personio.throttled", ("endpoint", Endpoint)));
        Assert.Equal(1, metrics.Sum("rollcall.personio.retries", ("endpoint", Endpoint)));
        Assert.All(metrics.All.Where(m => m.Instrument == "rollcall.personio.requests"),
            m => Assert.Matches(@"^/v[12]/[a-z/\-]*(\{id\}[a-z/\-]*)?$", m.Tags["endpoint"]));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Gauges_ReadTheOutboxAndTheSyncLag_AndDispatchRecordsHowLongMessagesWaited(string provider)
    {
        await using var scenario = await SyncScenario.ConnectedAsync(new Dictionary<string, string?> { ["Telemetry:GaugeCacheDuration"] = "00:00:00" }, provider: provider);
        using var metrics = new MetricsCapture(scenario.App);
        await scenario.HireManyAsync(2);
        await scenario.SyncAsync();

        metrics.Observe();
        Assert.Equal(2, Assert.Single(metrics.Values("rollcall.mail.outbox.depth", ("held", "false"))));
        Assert.Equal(0, Assert.Single(metrics.Values("rollcall.mail.outbox.depth", ("held", "true"))));
        Assert.InRange(Assert.Single(metrics.Values("rollcall.mail.outbox.oldest_age")), 0, 300);
        Assert.InRange(Assert.Single(metrics.Values("rollcall.sync.lag", ("company.id", scenario.Company.Id.ToString()))), 0, 300);

        await MailTesting.DispatchAsync(scenario.App);

        Assert.Equal(2, metrics.Values("rollcall.mail.dispatch.latency", ("kind", "invitation")).Count);
        Assert.All(metrics.Values("rollcall.mail.dispatch.latency"), seconds => Assert.InRange(seconds, 0, 300));
        Assert.Equal(2, metrics.Sum("rollcall.mail.dispatched", ("kind", "invitation"), ("outcome", "sent")));
        metrics.Observe();
        Assert.Equal(0, metrics.Values("rollcall.mail.outbox.depth", ("held", "false")).Last());
        Assert.Single(metrics.Values("rollcall.mail.outbox.oldest_age")); // the second reading found nothing waiting
    }

    [Fact]
    public async Task Gauges_CachedReading_ServesScrapesInBetween()
    {
        await using var scenario = await SyncScenario.ConnectedAsync(new Dictionary<string, string?> { ["Telemetry:GaugeCacheDuration"] = "00:05:00" });
        using var metrics = new MetricsCapture(scenario.App);
        await scenario.HireManyAsync(1);
        metrics.Observe(); // read and cached: nothing waiting

        await scenario.SyncAsync(); // queues an invitation
        metrics.Observe();

        Assert.Equal(new double[] { 0, 0 }, metrics.Values("rollcall.mail.outbox.depth", ("held", "false")));
    }

    [Fact]
    public async Task Traces_RunSpanWithReadPlanApply_AndNothingSecretLeavesInTheExport()
    {
        await using var sink = await OtlpSink.StartAsync();
        using var spans = new SpanCapture();
        await using var scenario = await SyncScenario.ConnectedAsync(new Dictionary<string, string?> { ["Telemetry:Otlp:Endpoint"] = sink.Url.ToString() });
        using var metrics = new MetricsCapture(scenario.App);
        await scenario.HireManyAsync(2);
        await scenario.Sandbox.ArmFaultAsync("rate_limited", path: Endpoint);
        var run = await scenario.SyncAsync();
        var invitationToken = "tok" + Guid.NewGuid().ToString("N");
        await scenario.App.CreateClient().GetAsync($"/invitation/{invitationToken}?email=person1%40example.test");

        var runSpan = Assert.Single(spans.Ended, s => s.Source.Name == "Rollcall" && s.OperationName == "sync.run" && Tag(s, "rollcall.company.id") == scenario.Company.Id.ToString());
        Assert.Equal(run.Id.ToString(), Tag(runSpan, "rollcall.sync.run.id"));
        Assert.Equal("manual", Tag(runSpan, "rollcall.sync.trigger"));
        Assert.Equal("succeeded", Tag(runSpan, "rollcall.sync.outcome"));
        var trace = spans.Ended.Where(s => s.TraceId == runSpan.TraceId).ToList();
        Assert.Equal(["sync.apply", "sync.plan", "sync.read"],
            trace.Where(s => s.ParentSpanId == runSpan.SpanId && s.Source.Name == "Rollcall").Select(s => s.OperationName).Order());
        var personio = trace.Where(s => s.Source.Name == "System.Net.Http").ToList();
        Assert.Contains(personio, s => s.GetTagItem("http.response.status_code") is 429);
        Assert.All(personio, s => Assert.Matches(@"^http://[^/?]+/v[12]/[a-z/\-{}]*$", Tag(s, "url.full")));
        // Spans of apps in other tests end here too: the page's span is one of those named by its template, and no span holds the token.
        Assert.Contains(spans.Ended, s => s.Source.Name == "Microsoft.AspNetCore" && Tag(s, "url.path") == "/invitation/{token}");

        Assert.True(scenario.App.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(scenario.App.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.True(sink.Contains("traces", "sync.run"), "no run span was exported");
        Assert.True(sink.Contains("metrics", "rollcall.personio.requests"), "no Personio metrics were exported");
        string[] secrets = [scenario.Personio.Secret, invitationToken, SyncScenario.DefaultIban, "person1@example.test", "person1%40example.test", "Bearer", "offset="];
        foreach (var signal in new[] { "traces", "metrics" })
        {
            Assert.All(secrets, secret => Assert.False(sink.Contains(signal, secret), $"'{secret}' left Rollcall in the exported {signal}"));
        }

        Assert.All(spans.Ended.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString() ?? "").Concat(spans.Ended.Select(s => s.DisplayName)),
            value => Assert.DoesNotContain(secrets, secret => value.Contains(secret, StringComparison.Ordinal)));
        Assert.All(metrics.All.SelectMany(m => m.Tags.Values), value => Assert.False(value?.Contains('@') == true || secrets.Contains(value), value));
    }

    [Fact]
    public async Task Metrics_PrometheusOff_NothingAtMetrics()
    {
        await using var app = RollcallApp.Start(services: RemoteAddress.Install);

        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/metrics").From("127.0.0.1"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_PrometheusOn_ServesTextToLoopbackAndTheAllowedNetworksOnly()
    {
        await using var app = RollcallApp.Start(settings: new Dictionary<string, string?>
        {
            ["Telemetry:Prometheus"] = "true",
            ["Telemetry:MetricsNetworks:0"] = "192.0.2.0/24",
        }, services: RemoteAddress.Install);
        var client = app.CreateClient();
        async Task<HttpResponseMessage> ScrapeAsync(string from, string? forwardedFor = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/metrics").From(from);
            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }

            return await client.SendAsync(request);
        }

        var loopback = await ScrapeAsync("127.0.0.1");
        var allowed = await ScrapeAsync("192.0.2.10");
        var other = await ScrapeAsync("198.51.100.7");
        var otherThroughLoopbackProxy = await ScrapeAsync("127.0.0.1", forwardedFor: "198.51.100.7");

        Assert.Equal(HttpStatusCode.OK, loopback.StatusCode);
        Assert.StartsWith("text/plain", loopback.Content.Headers.ContentType!.ToString());
        var text = await loopback.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE rollcall_mail_outbox_depth gauge", text);
        Assert.Matches("""rollcall_mail_outbox_depth\{[^}]*held="false"[^}]*\} 0""", text);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherThroughLoopbackProxy.StatusCode);
    }

    private static string? Tag(Activity activity, string key) => activity.GetTagItem(key)?.ToString();
}
