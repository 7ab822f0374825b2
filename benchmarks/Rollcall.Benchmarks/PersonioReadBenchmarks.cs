using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>
/// A full read of N employees through Rollcall's Personio client (paging, parsing, mapping) against a bare
/// HttpClient that only downloads the same pages, both over real HTTP from the sandbox on loopback.
/// </summary>
[MemoryDiagnoser]
public class PersonioReadBenchmarks
{
    private SandboxServer _sandbox = null!;
    private PersonioHarness _personio = null!;
    private PersonioCredentials _credentials = null!;
    private HttpClient _bare = null!;
    private List<string> _pages = [];

    [Params(10_000)]
    public int Employees { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _sandbox = SandboxServer.Start(new Dictionary<string, string?> { ["Sandbox:RateLimits:Enabled"] = "false" });
        var company = await _sandbox.CreateCompanyAsync(Employees);
        _credentials = new PersonioCredentials(company.ClientId, company.Secret);
        _personio = PersonioHarness.Create(_sandbox.BaseUrl, new Dictionary<string, string?>
        {
            ["Personio:ClientRateLimits"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await _personio.ReadAllAsync(_credentials, Mapped);
        _pages = _personio.Log.Requests.Where(r => r.Uri.AbsolutePath == "/v1/company/employees").Select(r => r.Uri.PathAndQuery).ToList();

        var auth = await _sandbox.Control.PostAsJsonAsync("/v1/auth", new { client_id = company.ClientId, client_secret = company.Secret });
        var token = JsonDocument.Parse(await auth.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("token").GetString();
        _bare = new HttpClient { BaseAddress = _sandbox.BaseUrl };
        _bare.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static readonly string[] Mapped = ["dynamic_30101", "dynamic_30102", "dynamic_30103"];

    [Benchmark(Baseline = true, Description = "bare HttpClient: download the same pages")]
    public async Task<long> BareDownload()
    {
        long bytes = 0;
        foreach (var page in _pages)
        {
            bytes += (await _bare.GetByteArrayAsync(page)).Length;
        }

        return bytes;
    }

    [Benchmark(Description = "PersonioClient: read, parse and map every employee")]
    public async Task<int> ClientRead() => (await _personio.ReadAllAsync(_credentials, Mapped)).Count;

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        _bare.Dispose();
        await _personio.DisposeAsync();
        await _sandbox.DisposeAsync();
    }
}
