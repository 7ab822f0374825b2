using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Rollcall.Hosting;
using Rollcall.Integration;
using Rollcall.Personio;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>
/// Rollcall as an operator runs it: the built <c>Rollcall.dll</c> (Release, from this benchmark's output) as a process of
/// its own per command, against the sandbox in another process. Per round, in a fresh database: a bare read of the same
/// pages twice, in this process (an HttpClient already warm) and as processes of their own (curl taking a token, then one
/// curl downloading every page over one kept-alive connection: the baseline), <c>sync --dry-run</c>, the first <c>sync</c> and a no-change
/// <c>sync</c>, each timed from process start to exit, with start-up alone (process start to the first Personio request)
/// and peak working sets from the verb's <c>--timings</c>. Rate limits off on the sandbox and Rollcall's throttle off
/// (loopback only); then, once, a dry run with both on, against Personio's limits.
/// </summary>
internal static partial class ProcessBenchmark
{
    public static async Task RunAsync(int size, int rounds, string[] settings)
    {
        var postgres = settings.Contains("--Database:Provider=Postgres", StringComparer.OrdinalIgnoreCase);
        var server = settings.FirstOrDefault(s => s.StartsWith("--Database:ConnectionString=", StringComparison.OrdinalIgnoreCase))?.Split('=', 2)[1];
        var others = settings.Where(s => !s.StartsWith("--Database:", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (postgres && server is null)
        {
            throw new ArgumentException("PostgreSQL needs --Database:ConnectionString=… (a server; each round gets a fresh database on it).");
        }

        var bare = new List<double>();
        var bareProcess = new List<double>();
        var startup = new List<Timed>();
        var dryRun = new List<Timed>();
        var first = new List<Timed>();
        var noChange = new List<Timed>();
        await using (var sandbox = await SandboxServer.StartProcessAsync("--Sandbox:RateLimits:Enabled=false"))
        {
            var personio = await sandbox.CreateCompanyAsync(size);
            var pages = await PagesAsync(sandbox, personio);
            await BareReadAsync(sandbox, personio, pages); // warm-up: JIT, connections
            for (var round = 0; round < rounds; round++)
            {
                await using var database = await Database.CreateAsync(postgres, server);
                var companyId = await SetUpAsync(sandbox, personio, database, others, throttled: false);
                bare.Add(await BareReadAsync(sandbox, personio, pages));
                bareProcess.Add(await BareReadProcessAsync(sandbox, personio, pages, database.Folder));
                string[] sync = ["sync", "--company", companyId.ToString(), "--Personio:BaseUrl=" + sandbox.BaseUrl, "--Personio:ClientRateLimits=false", .. database.Settings, .. others];
                var preview = await RunVerbAsync(database.Folder, [.. sync, "--dry-run"], ": previewed");
                dryRun.Add(preview);
                startup.Add(preview with { Seconds = preview.FirstRequest, PeakMb = preview.FirstRequestPeakMb });
                first.Add(await RunVerbAsync(database.Folder, sync, ": succeeded"));
                noChange.Add(await RunVerbAsync(database.Folder, sync, ": succeeded"));
            }
        }

        Timed throttled;
        await using (var limited = await SandboxServer.StartProcessAsync())
        {
            var personio = await limited.CreateCompanyAsync(size);
            await using var database = await Database.CreateAsync(postgres, server);
            var companyId = await SetUpAsync(limited, personio, database, others, throttled: true);
            await limited.ResetRequestCountsAsync();
            throttled = await RunVerbAsync(database.Folder,
                ["sync", "--company", companyId.ToString(), "--dry-run", "--Personio:BaseUrl=" + limited.BaseUrl, .. database.Settings, .. others], ": previewed");
            throttled = throttled with { Requests = (await limited.RequestCountsAsync()).Where(r => r.Key.Contains("/v1/company/employees", StringComparison.Ordinal)).Sum(r => r.Value) };
        }

        var baseline = Median(bareProcess);
        Console.WriteLine($"Whole process, {size:N0} employees, {(postgres ? "PostgreSQL" : "SQLite")}, median of {rounds}:");
        Console.WriteLine();
        Console.WriteLine("| Run | Seconds (rounds) | Median (s) | Ratio to bare-read process | Peak working set (MB) |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        Console.WriteLine(Row("bare read in process: a warm HttpClient, token and every page", bare, baseline, null));
        Console.WriteLine(Row("bare-read process: curl for the token, one curl for every page, kept alive (baseline)", bareProcess, baseline, null));
        Console.WriteLine(Row("start-up: process start to the first Personio request", startup.Select(t => t.Seconds).ToList(), baseline, startup));
        Console.WriteLine(Row("`sync --dry-run`", dryRun.Select(t => t.Seconds).ToList(), baseline, dryRun));
        Console.WriteLine(Row("`sync`, first (fresh database)", first.Select(t => t.Seconds).ToList(), baseline, first));
        Console.WriteLine(Row("`sync`, no change", noChange.Select(t => t.Seconds).ToList(), baseline, noChange));
        Console.WriteLine(Inv($"| `sync --dry-run` with Rollcall's throttle on, against Personio's limits (one run; {throttled.Requests} list requests) | {throttled.Seconds:F2} | {throttled.Seconds:F2} | – | {throttled.PeakMb:F0} |"));
    }

    private static string Row(string label, List<double> seconds, double baseline, List<Timed>? timed) => Inv(
        $"| {label} | {string.Join(", ", seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} | {Median(seconds):F2} | {Median(seconds) / baseline:F2} | {(timed is null ? "–" : Median(timed.Select(t => t.PeakMb).ToList()).ToString("F0", CultureInfo.InvariantCulture))} |");

    /// <summary>A company created by the <c>create-company</c> verb, connected (payment data mapped) by an in-process Rollcall on the same database.</summary>
    private static async Task<Guid> SetUpAsync(SandboxServer sandbox, SandboxCompany personio, Database database, string[] others, bool throttled)
    {
        var created = await RunVerbAsync(database.Folder, ["create-company", "--name", "Benchmark GmbH", "--admin-email", "admin@bench.example", .. database.Settings, .. others], "Created company");
        var companyId = Guid.Parse(CompanyId().Match(created.Output).Groups[1].Value);
        await using (var app = RollcallHost.Build([
            "--urls", "http://127.0.0.1:0", "--Personio:BaseUrl=" + sandbox.BaseUrl, "--Sync:ScheduleNightlyRuns=false", "--Mail:Dispatch=false",
            "--Scheduler:RunJobs=false", "--Logging:LogLevel:Default=Warning", .. (throttled ? Array.Empty<string>() : ["--Personio:ClientRateLimits=false"]),
            .. database.Settings, .. others,
        ]))
        {
            await app.StartAsync();
            await using var scope = app.Services.CreateAsyncScope();
            var connected = await scope.ServiceProvider.GetRequiredService<PersonioConnection>().ConnectAsync(companyId, personio.ClientId, personio.Secret,
                new AttributeMapping(SyncBenchmark.Mapped[0], SyncBenchmark.Mapped[1], SyncBenchmark.Mapped[2]), CancellationToken.None);
            if (connected.Problem is { } problem)
            {
                throw new InvalidOperationException(problem.Detail);
            }

            await app.StopAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        return companyId;
    }

    /// <summary>The list pages Rollcall's client asks for (same URLs, same attributes), recorded once.</summary>
    private static async Task<List<string>> PagesAsync(SandboxServer sandbox, SandboxCompany personio)
    {
        await using var harness = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?>
        {
            ["Personio:ClientRateLimits"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await harness.ReadAllAsync(new PersonioCredentials(personio.ClientId, personio.Secret), SyncBenchmark.Mapped);
        return [.. harness.Log.Requests.Where(r => r.Uri.AbsolutePath == "/v1/company/employees").Select(r => r.Uri.PathAndQuery).Distinct()];
    }

    /// <summary>The baseline: a token from <c>/v1/auth</c> on a credential of its own, then every page downloaded, as curl would.</summary>
    private static async Task<double> BareReadAsync(SandboxServer sandbox, SandboxCompany personio, List<string> pages)
    {
        var (clientId, secret) = await sandbox.CreateCredentialAsync(personio.Id);
        using var http = new HttpClient { BaseAddress = sandbox.BaseUrl };
        var clock = Stopwatch.StartNew();
        var auth = await http.PostAsJsonAsync("/v1/auth", new { client_id = clientId, client_secret = secret });
        var token = JsonDocument.Parse(await auth.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        long bytes = 0;
        foreach (var page in pages)
        {
            bytes += (await http.GetByteArrayAsync(page)).Length;
        }

        return bytes > 0 ? clock.Elapsed.TotalSeconds : throw new InvalidOperationException("The bare read read nothing.");
    }

    /// <summary>
    /// The baseline: the same read as an operator would script it, timed from the first process's start to the last one's
    /// exit: <c>curl</c> posts the credential to <c>/v1/auth</c>, then one <c>curl -K</c> reads every page over one
    /// kept-alive connection (a config file naming the token and every URL).
    /// </summary>
    private static async Task<double> BareReadProcessAsync(SandboxServer sandbox, SandboxCompany personio, List<string> pages, string folder)
    {
        var (clientId, secret) = await sandbox.CreateCredentialAsync(personio.Id);
        var config = Path.Combine(folder, "pages.curl");
        var clock = Stopwatch.StartNew();
        var auth = await CurlAsync(["-s", "-X", "POST", "-H", "Content-Type: application/json",
            "-d", JsonSerializer.Serialize(new { client_id = clientId, client_secret = secret }), new Uri(sandbox.BaseUrl, "/v1/auth").ToString()]);
        var token = JsonDocument.Parse(auth).RootElement.GetProperty("data").GetProperty("token").GetString();
        var lines = new List<string> { "silent", $"header = \"Authorization: Bearer {token}\"", "write-out = \"%{http_code} %{size_download}\\n\"" };
        lines.AddRange(pages.SelectMany(page => (string[])[$"url = \"{new Uri(sandbox.BaseUrl, page)}\"", "output = \"/dev/null\""]));
        await File.WriteAllLinesAsync(config, lines);
        var written = (await CurlAsync(["-K", config])).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var seconds = clock.Elapsed.TotalSeconds;
        File.Delete(config);
        return written.Length == pages.Count && written.All(w => w.StartsWith("200 ", StringComparison.Ordinal)) && written.Sum(w => long.Parse(w[4..], CultureInfo.InvariantCulture)) > 0
            ? seconds
            : throw new InvalidOperationException($"The bare-read process read {written.Length} of {pages.Count} pages: {string.Join(", ", written.Distinct().Take(3))}");
    }

    private static async Task<string> CurlAsync(string[] args)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"curl exited {process.ExitCode}: {await error}");
    }

    private static async Task<Timed> RunVerbAsync(string folder, string[] args, string expected)
    {
        var start = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Rollcall.dll"), .. args, "--timings"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var (text, errors) = (await output, await error);
        if (process.ExitCode != 0 || !text.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Rollcall {args[0]} exited {process.ExitCode}:\n{text}\n{errors}");
        }

        var firstRequest = Timing().Matches(errors).FirstOrDefault(m => m.Groups[1].Value == "first-request");
        var end = Timing().Matches(errors).Single(m => m.Groups[1].Value == "end");
        return new Timed(seconds, double.Parse(end.Groups[3].Value, CultureInfo.InvariantCulture),
            firstRequest is null ? double.NaN : double.Parse(firstRequest.Groups[2].Value, CultureInfo.InvariantCulture),
            firstRequest is null ? double.NaN : double.Parse(firstRequest.Groups[3].Value, CultureInfo.InvariantCulture), text);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Timed(double Seconds, double PeakMb, double FirstRequest, double FirstRequestPeakMb, string Output, int Requests = 0);

    /// <summary>A fresh database for a round: a SQLite file in a folder of its own, or a new PostgreSQL database (dropped after).</summary>
    private sealed class Database : IAsyncDisposable
    {
        private readonly string? _server;
        private readonly string? _name;

        private Database(string folder, string[] settings, string? server, string? name)
        {
            Folder = folder;
            Settings = settings;
            _server = server;
            _name = name;
        }

        public string Folder { get; }

        public string[] Settings { get; }

        public static async Task<Database> CreateAsync(bool postgres, string? server)
        {
            var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-process-").FullName;
            if (!postgres)
            {
                return new Database(folder, ["--Database:DataDirectory=" + Path.Combine(folder, "data")], null, null);
            }

            var name = $"rollcall_bench_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
            return new Database(folder, ["--Database:Provider=Postgres", "--Database:ConnectionString=" + connectionString], server, name);
        }

        public async ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            System.IO.Directory.Delete(Folder, recursive: true);
            if (_name is not null)
            {
                await using var connection = new NpgsqlConnection(_server);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    [GeneratedRegex(@"\(id ([0-9a-f-]{36})\)")]
    private static partial Regex CompanyId();

    [GeneratedRegex(@"timings: (\S+) (\d+\.\d+) s, peak working set (\d+\.\d+) MB")]
    private static partial Regex Timing();
}
