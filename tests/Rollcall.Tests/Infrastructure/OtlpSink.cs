using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver on a loopback port: it keeps every export's raw protobuf body by
/// signal (<c>traces</c>, <c>metrics</c>), so a test can see what Rollcall actually sends out.
/// </summary>
public sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();

    private OtlpSink(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<OtlpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new OtlpSink(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            sink._exports.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        sink.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return sink;
    }

    public IReadOnlyList<string> Signals => _exports.Select(e => e.Signal).Distinct().ToList();

    /// <summary>Every export of <paramref name="signal"/>, concatenated; protobuf keeps strings as UTF-8 bytes, so text can be searched in it.</summary>
    public byte[] Received(string signal) => _exports.Where(e => e.Signal == signal).SelectMany(e => e.Body).ToArray();

    public bool Contains(string signal, string text) => Received(signal).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
