using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Hosting;

public sealed partial class CommandLineTests
{
    [Fact]
    public async Task CreateCompanyThenApiKey_Verbs_PrintCredentialsThatWorkOnTheServer()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-cli-").FullName;
        var database = Path.Combine(folder, "data", "rollcall.db");
        try
        {
            var company = await RollcallProcess.RunAsync(folder, "create-company", "--name", "Käserei Müller GmbH", "--admin-email", "chef@kaeserei.example", "--language", "De");
            var companyId = CompanyId().Match(company.Output).Groups[1].Value;
            var password = OneTimePassword().Match(company.Output).Groups[1].Value;
            var key = await RollcallProcess.RunAsync(folder, "create-api-key", "--company", companyId, "--admin-email", "CHEF@kaeserei.example", "--read-only", "--expires-in-days", "30",
                "--timings");
            var apiKey = ApiKey().Match(key.Output).Groups[1].Value;

            Assert.True(company.ExitCode == 0, company.Error);
            Assert.Matches("^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$", password);
            Assert.True(key.ExitCode == 0, key.Error);
            Assert.True(File.Exists(database));
            // The verbs run no scheduler: Quartz's file beside the database is never made.
            Assert.False(File.Exists(Path.Combine(folder, "data", "scheduler.db")));
            Assert.Contains("timings: first-request none", key.Error);
            Assert.Matches(Timing("end"), key.Error);

            await using var app = new RollcallApp(new ExistingSqliteDatabase(database));
            var browser = app.BrowserClient();
            var login = await browser.LoginAsync("chef@kaeserei.example", password);
            var me = await (await app.ApiClient(apiKey).GetAsync("/api/me")).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal("Käserei Müller GmbH", me["adminOf"]![0]!["name"]!.GetValue<string>());
            // The verbs are named in the configuration audit; the key may only read, for 30 days.
            var changes = await (await app.ApiClient(apiKey).GetAsync($"/api/companies/{companyId}/configuration-changes")).ReadJsonAsync(HttpStatusCode.OK);
            var byVerb = changes["items"]!.AsArray().Select(c => (c!["action"]!.GetValue<string>(), c["actorKind"]!.GetValue<string>(), c["actorName"]!.GetValue<string>())).ToList();
            Assert.Contains(("company.created", "cli", "create-company"), byVerb);
            Assert.Contains(("api_key.issued", "cli", "create-api-key"), byVerb);
            Assert.Equal(HttpStatusCode.Forbidden, (await app.ApiClient(apiKey).PutAsJsonAsync($"/api/companies/{companyId}", new { name = "Renamed" })).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task CreateApiKey_UnknownAdmin_ExitsNonZeroWithMessage()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-cli-").FullName;
        try
        {
            var result = await RollcallProcess.RunAsync(folder, "create-api-key", "--company", Guid.NewGuid().ToString(), "--admin-email", "nobody@example.com");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("No active admin", result.Error);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task SyncVerb_ConnectedCompany_SyncsAndPrintsTheSummary()
    {
        await using var sandbox = SandboxServer.Start();
        var personio = await sandbox.CreateCompanyAsync(40, seed: 3);
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-cli-").FullName;
        try
        {
            var baseUrl = "--Personio:BaseUrl=" + sandbox.BaseUrl;
            var company = await RollcallProcess.RunAsync(folder, "create-company", "--name", "Sync AG", "--admin-email", "admin@sync.example");
            var companyId = CompanyId().Match(company.Output).Groups[1].Value;
            var key = ApiKey().Match((await RollcallProcess.RunAsync(folder, "create-api-key", "--company", companyId, "--admin-email", "admin@sync.example")).Output).Groups[1].Value;
            await using (var app = new RollcallApp(new ExistingSqliteDatabase(Path.Combine(folder, "data", "rollcall.db")),
                new Dictionary<string, string?> { ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString(), ["Sync:ScheduleNightlyRuns"] = "false" }))
            {
                var connect = await app.ApiClient(key).PutAsJsonAsync($"/api/companies/{companyId}/personio/credentials",
                    new { clientId = personio.ClientId, clientSecret = personio.Secret });
                Assert.Equal(HttpStatusCode.OK, connect.StatusCode);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var preview = await RollcallProcess.RunAsync(folder, "sync", "--company", companyId, "--dry-run", "--timings", baseUrl);
            var run = await RollcallProcess.RunAsync(folder, "sync", "--company", companyId, baseUrl);

            Assert.True(preview.ExitCode == 0, preview.Error);
            Assert.Contains(": previewed", preview.Output);
            Assert.Matches(Timing("first-request"), preview.Error);
            Assert.Matches(Timing("end"), preview.Error);
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Matches(@": succeeded\s+read 40, created \d+", run.Output);
            Assert.DoesNotContain(personio.Secret, run.Output + run.Error);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("create-company", "--Personio:BaseUrl=http://personio.internal.example", "Personio:BaseUrl")]
    [InlineData("sync", "--Database:Provider=Postgres", "Database:ConnectionString")]
    [InlineData("create-api-key", "--Mail:PublicBaseUrl=http://rollcall.example.com", "Mail:PublicBaseUrl")]
    public async Task Verb_BadConfigurationValue_StopsWithOneClearLineBeforeTouchingTheDatabase(string verb, string setting, string named)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-cli-").FullName;
        try
        {
            string[] args = verb switch
            {
                "create-company" => [verb, "--name", "Acme", "--admin-email", "admin@acme.example", setting],
                "sync" => [verb, "--company", Guid.NewGuid().ToString(), setting],
                _ => [verb, "--company", Guid.NewGuid().ToString(), "--admin-email", "admin@acme.example", setting],
            };

            var result = await RollcallProcess.RunAsync(folder, args);

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Rollcall cannot start:", line);
            Assert.Contains(named, line);
            Assert.False(System.IO.Directory.Exists(Path.Combine(folder, "data")), "Nothing may be created before the configuration is valid");
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static string Timing(string moment) => $@"timings: {moment} \d+\.\d{{3}} s, peak working set \d+\.\d MB";

    private sealed class ExistingSqliteDatabase(string file) : TestDatabase
    {
        public override string Provider => "Sqlite";
        public override string ConnectionString => $"Data Source={file}";

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"\(id ([0-9a-f-]{36})\)")]
    private static partial Regex CompanyId();

    [GeneratedRegex(@"One-time password: (\S+)")]
    private static partial Regex OneTimePassword();

    [GeneratedRegex(@"API key \(shown once, store it now\): (\S+)")]
    private static partial Regex ApiKey();
}
