using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Rollcall.Personio;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// Rollcall's Personio client as the host wires it (options, resilience, throttle), alone, pointed at a sandbox;
/// every request that goes on the wire is recorded. Shared by the tests and the benchmarks.
/// </summary>
public sealed class PersonioHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private PersonioHarness(IHost host, RequestLog log)
    {
        _host = host;
        Log = log;
    }

    public RequestLog Log { get; }

    /// <summary>Everything the client and the HTTP stack logged, down to Trace.</summary>
    public FakeLogCollector Logs => _host.Services.GetFakeLogCollector();

    public static PersonioHarness Create(Uri baseUrl, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Personio:BaseUrl"] = baseUrl.ToString(),
            ["Personio:RetryBaseDelay"] = "00:00:00.050",
            ["Personio:V1EmployeesPerSecond"] = "12",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
        builder.AddPersonio();
        var log = new RequestLog();
        builder.Services.AddHttpClient<PersonioV1Api>().AddHttpMessageHandler(() => new RecordingHandler(log));
        builder.Services.AddHttpClient<PersonioV2Api>().AddHttpMessageHandler(() => new RecordingHandler(log));
        var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        return new PersonioHarness(host, log);
    }

    public PersonioClient Client() => _host.Services.CreateScope().ServiceProvider.GetRequiredService<PersonioClient>();

    public Task<List<PersonioEmployee>> ReadAllAsync(PersonioCredentials credentials, params string[] customKeys) =>
        ReadAllAsync(credentials, includeOrganisation: false, customKeys);

    public async Task<List<PersonioEmployee>> ReadAllAsync(PersonioCredentials credentials, bool includeOrganisation, params string[] customKeys) =>
        [.. (await Client().ReadEmployeesAsync(credentials, customKeys, CancellationToken.None, includeOrganisation)).Employees];

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}

public sealed record RecordedRequest(HttpMethod Method, Uri Uri, int? Status, string? AppId, string? UserAgent, string? ContentType, string? Body);

public sealed class RequestLog
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int Count(string path) => Requests.Count(r => r.Uri.AbsolutePath == path);
}

/// <summary>Innermost handler: sees every attempt that goes on the wire, retries included.</summary>
internal sealed class RecordingHandler(RequestLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        int? status = null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            log.Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, status,
                request.Headers.TryGetValues("X-Personio-App-ID", out var app) ? app.Single() : null,
                request.Headers.UserAgent.ToString(), request.Content?.Headers.ContentType?.MediaType, body));
        }
    }
}
