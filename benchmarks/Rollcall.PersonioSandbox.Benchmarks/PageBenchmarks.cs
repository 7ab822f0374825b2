using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Rollcall.PersonioSandbox.Benchmarks;

/// <summary>
/// Pages served with 100,000 employees seeded, each against a static JSON page of the same size served
/// through the same in-process host (the baseline of its category).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PageBenchmarks : IDisposable
{
    private const int Employees = 100_000;
    private BenchmarkHost _host = null!;
    private HttpClient _client = null!;
    private string _v2Middle = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = new BenchmarkHost();
        _client = _host.CreateClient();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var created = await (await _client.PostAsJsonAsync("/_sandbox/companies", new { size = Employees, seed = 42 })).Content.ReadFromJsonAsync<JsonElement>();
        watch.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// Seeded {Employees:N0} employees in {watch.Elapsed.TotalSeconds:F2} s; managed heap grew by {(after - before) / 1024.0 / 1024.0:F1} MiB");

        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = created.GetProperty("client_id").GetString()!,
            ["client_secret"] = created.GetProperty("client_secret").GetString()!,
        });
        var token = (await (await _client.PostAsync("/v2/auth/token", form)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        _v2Middle = await MiddleCursorAsync();
        _host.StaticPages["v1"] = await _client.GetByteArrayAsync(V1Middle);
        _host.StaticPages["v2"] = await _client.GetByteArrayAsync(_v2Middle);
        Console.WriteLine($"// Page sizes: v1 {_host.StaticPages["v1"].Length:N0} bytes, v2 {_host.StaticPages["v2"].Length:N0} bytes");
    }

    private static string V1Middle => $"/v1/company/employees?limit=100&offset={Employees / 2}";

    [GlobalCleanup]
    public void Dispose()
    {
        _client.Dispose();
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [BenchmarkCategory("v1 employees, 100 per page"), Benchmark(Baseline = true)]
    public Task<byte[]> StaticV1Page() => _client.GetByteArrayAsync("/_bench/static?page=v1");

    [BenchmarkCategory("v1 employees, 100 per page"), Benchmark]
    public Task<byte[]> V1EmployeesPage() => _client.GetByteArrayAsync(V1Middle);

    [BenchmarkCategory("v2 persons, 50 per page"), Benchmark(Baseline = true)]
    public Task<byte[]> StaticV2Page() => _client.GetByteArrayAsync("/_bench/static?page=v2");

    [BenchmarkCategory("v2 persons, 50 per page"), Benchmark]
    public Task<byte[]> V2PersonsPage() => _client.GetByteArrayAsync(_v2Middle);

    /// <summary>A cursor half-way through the persons (page 1,000 of 2,000), so the lookup is not at the cheap start.</summary>
    private async Task<string> MiddleCursorAsync()
    {
        var next = "/v2/persons?limit=50";
        for (var page = 0; page < Employees / 100; page++)
        {
            var json = await _client.GetFromJsonAsync<JsonElement>(next);
            next = new Uri(json.GetProperty("_meta").GetProperty("links").GetProperty("next").GetProperty("href").GetString()!).PathAndQuery;
        }

        return next;
    }
}
