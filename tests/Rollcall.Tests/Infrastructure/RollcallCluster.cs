using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// Rollcall nodes as real processes (the built Rollcall.dll) on one fresh PostgreSQL database, clustered through Quartz's
/// store, with a company connected to a Personio sandbox company. The company is set up by an in-process Rollcall
/// whose scheduler never starts, before any node runs. Short check-ins, misfire threshold and lease, so tests are quick.
/// </summary>
public sealed class RollcallCluster : IAsyncDisposable
{
    private readonly List<Node> _nodes = [];
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("rollcall-cluster-").FullName;

    private RollcallCluster(SandboxServer sandbox, TestDatabase database)
    {
        Sandbox = sandbox;
        Database = database;
    }

    public SandboxServer Sandbox { get; }
    public TestDatabase Database { get; }
    public TestCompany Company { get; private set; } = null!;
    public string Base => $"/api/companies/{Company.Id}/personio";

    /// <summary>The company's time zone: UTC, so a nightly time a minute ahead never falls into a daylight-saving gap.</summary>
    public const string TimeZone = "Etc/UTC";

    /// <summary>A connected company with <paramref name="employees"/> people in Personio; no node runs yet.</summary>
    public static async Task<RollcallCluster> StartAsync(int employees = 3)
    {
        var cluster = new RollcallCluster(SandboxServer.Start(), await TestDatabase.PostgresAsync());
        try
        {
            var personio = await cluster.Sandbox.CreateCompanyAsync(employees);
            await using var setup = RollcallApp.Start(cluster.Database, new Dictionary<string, string?>
            {
                ["Personio:BaseUrl"] = cluster.Sandbox.BaseUrl.ToString(),
                ["Scheduler:RunJobs"] = "false",
            }, ownsDatabase: false);
            cluster.Company = await setup.CreateCompanyAsync();
            var api = setup.ApiClient(cluster.Company.ApiKey);
            await SyncScenario.AssertOkAsync(await api.PutAsJsonAsync($"/api/companies/{cluster.Company.Id}", new { timeZone = TimeZone }));
            await SyncScenario.AssertOkAsync(await api.PutAsJsonAsync($"{cluster.Base}/credentials", new { clientId = personio.ClientId, clientSecret = personio.Secret }));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a node and waits until it answers <c>/health</c>; <paramref name="settings"/> are extra <c>--Key=Value</c> arguments.</summary>
    public async Task<Node> StartNodeAsync(params string[] settings)
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var process = RollcallProcess.Start(_folder,
        [
            $"--urls={url}",
            "--Database:Provider=Postgres",
            $"--Database:ConnectionString={Database.ConnectionString}",
            $"--Personio:BaseUrl={Sandbox.BaseUrl}",
            "--Personio:RetryBaseDelay=00:00:00.050",
            "--Scheduler:ClusterCheckinInterval=00:00:01",
            "--Scheduler:ClusterCheckinGrace=00:00:02",
            "--Scheduler:IdleWaitTime=00:00:01",
            "--Scheduler:MisfireThreshold=00:00:02",
            "--Sync:LeaseDuration=00:01:00",
            "--Mail:Dispatch=false",
            $"--Mail:Folder={Path.Combine(_folder, "mail")}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ]);
        var node = new Node(process, url, Company.ApiKey);
        _nodes.Add(node);
        await node.WaitUntilHealthyAsync();
        return node;
    }

    /// <summary>A nightly time (HH:mm, company time) at the start of a minute at least 20 seconds away, and that instant.</summary>
    public static (string NightlyAt, DateTimeOffset At) NextMinute()
    {
        var now = TimeProvider.System.GetUtcNow();
        var at = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(now.Second < 40 ? 1 : 2);
        return (at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), at);
    }

    public static async Task<List<JsonNode>> RunsAsync(Node node, Guid companyId) =>
        [.. (await (await node.Api.GetAsync($"/api/companies/{companyId}/personio/runs")).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(r => r!)];

    /// <summary>Polls the runs (newest first) through <paramref name="node"/> until one matches, for at most <paramref name="timeout"/>.</summary>
    public async Task<JsonNode> WaitForRunAsync(Node node, Func<JsonNode, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            if ((await RunsAsync(node, Company.Id)).FirstOrDefault(match) is { } run)
            {
                return run;
            }

            Assert.False(cancel.IsCancellationRequested,
                $"No such run in time; runs:\n{string.Join('\n', (await RunsAsync(node, Company.Id)).Select(r => r.ToJsonString()))}\nnodes said:\n{string.Join("\n--\n", _nodes.Select(n => n.Output))}");
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
        await Database.DisposeAsync();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One Rollcall process: its URL and an API client with the company admin's key.</summary>
    public sealed class Node(RollcallProcess.Running process, Uri url, string apiKey) : IAsyncDisposable
    {
        public HttpClient Api { get; } = new() { BaseAddress = url, DefaultRequestHeaders = { Authorization = new("Bearer", apiKey) } };

        public Task KillAsync() => process.KillAsync();

        /// <summary>The node's last lines of output and its errors, for a failure message.</summary>
        public string Output => string.Join('\n', process.Lines.TakeLast(40)) + "\n" + process.Error;

        internal async Task WaitUntilHealthyAsync()
        {
            // Generous: a node on a busy two-core machine may take a while to start.
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(150));
            while (true)
            {
                Assert.False(process.HasExited, $"Rollcall exited: {string.Join('\n', process.Lines)}\n{process.Error}");
                try
                {
                    if ((await Api.GetAsync("/health", cancel.Token)).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                Assert.False(cancel.IsCancellationRequested, $"Rollcall not healthy in time: {string.Join('\n', process.Lines)}\n{process.Error}");
                await Task.Delay(200);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Api.Dispose();
            await process.DisposeAsync();
        }
    }
}
