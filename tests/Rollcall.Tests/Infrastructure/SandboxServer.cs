extern alias Sandbox;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// The Personio sandbox on a real loopback port (Kestrel), so Rollcall's client talks real HTTP to it: sockets,
/// dropped connections and all. Driven through its control API, as an operator would. Shared by the tests and
/// the benchmarks (linked into both), so it depends on no test framework.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly WebApplicationFactory<Sandbox::Program>? _factory;
    private readonly System.Diagnostics.Process? _process;

    private SandboxServer(System.Diagnostics.Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Control = new HttpClient { BaseAddress = BaseUrl };
    }

    private SandboxServer(IReadOnlyDictionary<string, string?> settings, TimeProvider? time)
    {
        UseSandboxProjectAsContentRoot();
        _factory = new WebApplicationFactory<Sandbox::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Sandbox:Seeding:SeedOnStart", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (time is not null)
            {
                builder.ConfigureServices(services => services.AddSingleton(time));
            }
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address);
        Control = new HttpClient { BaseAddress = BaseUrl };
    }

    public Uri BaseUrl { get; }

    /// <summary>
    /// WebApplicationFactory finds the content root from build metadata that only test projects get; benchmarks
    /// (and anything else) find it by walking up to the repository's sandbox project.
    /// </summary>
    private static void UseSandboxProjectAsContentRoot()
    {
        const string variable = "ASPNETCORE_TEST_CONTENTROOT_ROLLCALL_PERSONIOSANDBOX";
        if (Environment.GetEnvironmentVariable(variable) is not null)
        {
            return;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var project = Path.Combine(folder.FullName, "src", "Rollcall.PersonioSandbox");
            if (System.IO.Directory.Exists(project))
            {
                Environment.SetEnvironmentVariable(variable, project);
                return;
            }
        }
    }

    public HttpClient Control { get; }

    /// <summary>The sandbox's process when it runs apart (<see cref="StartProcessAsync"/>), so a benchmark can count its CPU.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>Starts the sandbox; with <paramref name="time"/>, the sandbox's days move when the test says (turn its rate limits off then).</summary>
    public static SandboxServer Start(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null) =>
        new(settings ?? new Dictionary<string, string?>(), time);

    public async Task<SandboxCompany> CreateCompanyAsync(int size, int seed = 7)
    {
        var created = await PostAsync("/_sandbox/companies", new { size, seed });
        return new SandboxCompany(created.GetProperty("company_id").ToString(), created.GetProperty("client_id").GetString()!, created.GetProperty("client_secret").GetString()!);
    }

    /// <summary>An extra credential; null <paramref name="readableAttributes"/> means every attribute is readable.</summary>
    public async Task<(string ClientId, string Secret)> CreateCredentialAsync(string companyId, string[]? readableAttributes = null, string[]? scopes = null)
    {
        var created = await PostAsync($"/_sandbox/companies/{companyId}/credentials", new { readable_attributes = readableAttributes, scopes });
        return (created.GetProperty("client_id").GetString()!, created.GetProperty("client_secret").GetString()!);
    }

    /// <summary>
    /// Arms a fault: server_error, drop_connection, delay, malformed_json, empty_page, rate_limited, repeat_cursor,
    /// delete_between_pages, insert_between_pages, lying_empty_page, lying_total, stall_body or bare_not_found (see docs/personio-sandbox.md).
    /// With <paramref name="clientId"/> only that credential's requests are hit.
    /// </summary>
    public Task ArmFaultAsync(string kind, int? page = null, int times = 1, string? path = null, int? statusCode = null, int? delayMs = null,
        int? position = null, int? bytes = null, int? totalDelta = null, string? companyId = null, string? clientId = null,
        int? retryAfterSeconds = null, bool? retryAfterAsDate = null) =>
        PostAsync("/_sandbox/faults", new
        {
            kind, page, times, path, status_code = statusCode, delay_ms = delayMs, position, bytes, total_delta = totalDelta, company_id = companyId,
            client_id = clientId, retry_after_seconds = retryAfterSeconds, retry_after_as_date = retryAfterAsDate,
        });

    /// <summary>Personio API requests the sandbox received, by method and route (e.g. <c>GET /v1/company/employees/{id}</c>), since the last reset.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RequestCountsAsync()
    {
        var counts = await SendAsync(HttpMethod.Get, "/_sandbox/requests");
        return counts.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
    }

    public async Task<int> RequestCountAsync(string route) => (await RequestCountsAsync()).GetValueOrDefault(route);

    /// <summary>Disarms every fault: Personio answers normally again.</summary>
    public Task ClearFaultsAsync() => SendAsync(HttpMethod.Delete, "/_sandbox/faults");

    public Task ResetRequestCountsAsync() => SendAsync(HttpMethod.Delete, "/_sandbox/requests");

    /// <summary>The employee ids the between-pages faults deleted or revealed, in the order they fired.</summary>
    public async Task<List<long>> FaultedEmployeesAsync()
    {
        var log = await SendAsync(HttpMethod.Get, "/_sandbox/faults/log");
        return [.. log.EnumerateArray().Where(f => f.GetProperty("employee_id").ValueKind == JsonValueKind.Number).Select(f => f.GetProperty("employee_id").GetInt64())];
    }

    public Task<JsonElement> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Snake) };
        var response = await Control.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// The sandbox in a process of its own (the built <c>Rollcall.PersonioSandbox.dll</c>), so a benchmark measures
    /// Rollcall's memory and CPU without the emulator's.
    /// </summary>
    public static async Task<SandboxServer> StartProcessAsync(params string[] settings)
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var start = new System.Diagnostics.ProcessStartInfo(DotnetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Rollcall.PersonioSandbox.dll"), "--urls", url.ToString(),
                     "--Sandbox:Seeding:SeedOnStart=false", "--Logging:LogLevel:Default=Warning", .. settings])
        {
            start.ArgumentList.Add(arg);
        }

        var process = System.Diagnostics.Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SandboxServer(process, url);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await server.Control.GetAsync("/_sandbox/companies");
                return server;
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}

public sealed record SandboxCompany(string Id, string ClientId, string Secret);
