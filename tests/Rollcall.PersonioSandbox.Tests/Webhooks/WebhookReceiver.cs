using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Rollcall.PersonioSandbox.Tests.Webhooks;

/// <summary>A real HTTP endpoint on a free loopback port that records what the sandbox delivers.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app, int failFirst)
    {
        _app = app;
        _failuresLeft = failFirst;
    }

    public Channel<(string? Authorization, JsonElement Body)> Received { get; } = Channel.CreateUnbounded<(string?, JsonElement)>();

    public string Url => _app.Urls.Single() + "/hook";

    /// <summary>Starts the receiver; the first <paramref name="failFirst"/> deliveries get a 500.</summary>
    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failFirst);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            await receiver.Received.Writer.WriteAsync((request.Headers.Authorization.ToString(), body.RootElement.Clone()));
            return Interlocked.Decrement(ref receiver._failuresLeft) >= 0 ? Results.StatusCode(500) : Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async Task<(string? Authorization, JsonElement Body)> NextAsync() =>
        await Received.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
