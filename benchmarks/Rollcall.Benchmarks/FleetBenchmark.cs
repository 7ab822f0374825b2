using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>
/// A fleet night: many companies due at the same nightly minute, synced by one or more real Rollcall processes sharing
/// one PostgreSQL database, against the sandbox with Personio's limits on. Per node count, a fresh database and the same
/// sandbox companies; measured from the nightly minute until every company has a finished nightly run.
/// </summary>
internal static class FleetBenchmark
{
    public sealed record Settings(
        int Companies, int Employees, int[] Nodes, int Nights, TimeSpan Lead, TimeSpan Timeout, int LatencyMs, bool AuthLimitPerAddress, string Postgres, string[] NodeSettings);

    /// <summary>
    /// <c>fleet [--companies N] [--employees N] [--nodes 1,2] [--nights 1|2] [--lead seconds] [--timeout minutes] [--latency ms] [--auth-limit-per-address]
    /// [--postgres connection] [--Key=value …]</c>; <c>--Key=value</c> settings go to every node.
    /// </summary>
    public static Settings Parse(string[] args)
    {
        int companies = 1_000, employees = 100;
        int[] nodes = [1, 2];
        var lead = TimeSpan.FromSeconds(30);
        var timeout = TimeSpan.FromMinutes(20);
        var postgres = Environment.GetEnvironmentVariable("ROLLCALL_TEST_POSTGRES");
        var authLimitPerAddress = false;
        var latency = 0;
        var nights = 1;
        var nodeSettings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--companies": companies = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--employees": employees = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--nodes": nodes = Next().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--lead": lead = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--timeout": timeout = TimeSpan.FromMinutes(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--postgres": postgres = Next(); break;
                case "--auth-limit-per-address": authLimitPerAddress = true; break;
                case "--nights": nights = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--latency": latency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains(':', StringComparison.Ordinal):
                    nodeSettings.Add(setting); // Rollcall configuration for the nodes (and the setup host), e.g. --Sync:BatchSize=200
                    break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new ArgumentException("fleet needs a PostgreSQL server: --postgres \"Host=…;Username=…\" or ROLLCALL_TEST_POSTGRES.");
        }

        return new Settings(companies, employees, nodes, nights, lead, timeout, latency, authLimitPerAddress, postgres, [.. nodeSettings]);
    }

    public static async Task RunAsync(Settings settings)
    {
        // Personio's per-credential limits on, as against the real Personio; the sandbox in a process of its own. The sandbox
        // counts /v1/auth calls per client address (the caller is not known before it authenticates), so every company
        // would share one 60/min: lifted unless asked for, so the night measures Rollcall rather than that one limit.
        await using var sandbox = await SandboxServer.StartProcessAsync(settings.AuthLimitPerAddress ? [] : ["--Sandbox:RateLimits:V1AuthPerMinute=100000"]);
        var clock = Stopwatch.StartNew();
        var companies = await FleetSetup.SeedSandboxAsync(sandbox, settings.Companies, settings.Employees);
        Log($"sandbox: {settings.Companies:N0} companies × {settings.Employees:N0} employees, a credential each, in {clock.Elapsed.TotalSeconds:F0} s");
        var results = new List<FleetNight>();
        foreach (var nodes in settings.Nodes)
        {
            results.AddRange(await NightsAsync(settings, sandbox, companies, nodes));
        }

        FleetReport.Print(settings, results);
    }

    /// <summary>A fresh database and its companies, then each night measured with a fresh start of the nodes.</summary>
    private static async Task<List<FleetNight>> NightsAsync(Settings settings, SandboxServer sandbox, SandboxCompany[] companies, int nodeCount)
    {
        var name = $"rollcall_fleet_{Guid.NewGuid():N}";
        var connection = await FleetSetup.CreateDatabaseAsync(settings.Postgres, name);
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-fleet-").FullName;
        var nodes = new List<FleetNode>();
        try
        {
            var clock = Stopwatch.StartNew();
            // Setup is not measured, and with the per-address auth limit a thousand connections would take a quarter of an hour.
            await sandbox.SendAsync(HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = false });
            var ids = await FleetSetup.PrepareAsync(connection, sandbox.BaseUrl, companies, settings.NodeSettings);
            await sandbox.SendAsync(HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = true });
            NpgsqlConnection.ClearAllPools(); // the setup host's idle connections would count as the nodes'
            Log($"{nodeCount} node(s): {companies.Length:N0} companies created and connected in {clock.Elapsed.TotalSeconds:F0} s");
            var nights = new List<FleetNight>();
            for (var number = 1; number <= settings.Nights; number++)
            {
                await sandbox.ResetRequestCountsAsync();
                await sandbox.PostAsync("/_sandbox/rate-limits/reset"); // each night starts with Personio's counters at zero
                if (settings.LatencyMs > 0)
                {
                    // Every Personio request waits this long before it is answered, as across the internet; setup did not.
                    await sandbox.ArmFaultAsync("delay", path: "/v1/*", times: 0, delayMs: settings.LatencyMs);
                }

                var night = await StartNodesAsync(settings, connection, sandbox.BaseUrl, folder, ids, nodes, nodeCount);
                nights.Add(await MeasureAsync(settings, sandbox, connection, nodes, night, number));
                await StopAsync(nodes);
                await sandbox.ClearFaultsAsync();
            }

            return nights;
        }
        finally
        {
            await StopAsync(nodes);
            await sandbox.ClearFaultsAsync();
            await FleetSetup.DropDatabaseAsync(settings.Postgres, name);
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>From the nightly minute until every company has a finished nightly run, then until the nodes are quiet.</summary>
    private static async Task<FleetNight> MeasureAsync(
        Settings settings, SandboxServer sandbox, string connection, List<FleetNode> nodes, DateTimeOffset night, int number)
    {
        await using var probe = new FleetProbe(connection, nodes, night.UtcDateTime);
        await Task.Delay(night - TimeProvider.System.GetUtcNow());
        var cpuAtNight = nodes.Select(n => n.Cpu()).ToArray();
        var sandboxAtNight = ProcessCpu(sandbox.ProcessId);
        var machineAtNight = FleetReport.MachineCpu.Read();
        probe.MarkNight();
        var (progress, timedOut) = await WaitForEveryCompanyAsync(probe, nodes, settings.Companies, night + settings.Timeout);
        var elapsed = (TimeProvider.System.GetUtcNow() - night).TotalSeconds;
        var machine = FleetReport.MachineCpu.Read();
        var rollcall = nodes.Select((n, i) => (n.Cpu() - cpuAtNight[i]).TotalSeconds).Sum();
        var postgres = probe.PostgresCpu().TotalSeconds;
        var sandboxCpu = (ProcessCpu(sandbox.ProcessId) - sandboxAtNight).TotalSeconds;
        var finishedRuns = Math.Max(1, progress.Runs - progress.Running);
        var requests = (await sandbox.RequestCountsAsync()).Values.Sum();
        var busy = machine.BusySince(machineAtNight);
        var budget = new FleetNight.CpuBudget(rollcall * 1000 / finishedRuns, postgres * 1000 / finishedRuns, sandboxCpu * 1000 / finishedRuns, busy,
            (busy * Environment.ProcessorCount * elapsed - rollcall - postgres - sandboxCpu) / elapsed);
        await SettleAsync(probe);
        var recorded = await probe.NightAsync();
        var wall = ((recorded.LastFirstFinish ?? TimeProvider.System.GetUtcNow().UtcDateTime) - night.UtcDateTime).TotalSeconds;
        return new FleetNight(nodes.Count, number, settings.Companies, progress.Finished, timedOut, wall,
            ((recorded.FirstStart ?? night.UtcDateTime) - night.UtcDateTime).TotalSeconds,
            recorded.Runs == 0 ? 0 : recorded.RunSeconds / recorded.Runs, recorded.RunSeconds / wall,
            recorded.Runs, recorded.Runs - recorded.Companies, recorded.Failed, probe.PeakConnections, [.. probe.PeakWorkingSets],
            recorded.Invitations, recorded.Sent, requests, recorded.FailureReasons, budget);
    }

    private static async Task StopAsync(List<FleetNode> nodes)
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        nodes.Clear();
    }

    /// <summary>
    /// Sets the nightly minute (the first whole minute at least the lead away) and starts the nodes; a node that is not
    /// up two seconds before that minute would schedule tomorrow's run instead, so all are stopped before the minute and
    /// started again for a minute further away.
    /// </summary>
    private static async Task<DateTimeOffset> StartNodesAsync(
        Settings settings, string connection, Uri personio, string folder, Guid[] ids, List<FleetNode> nodes, int count)
    {
        for (var lead = settings.Lead; ; lead *= 2)
        {
            var night = await FleetSetup.DueAtAsync(connection, ids, lead);
            for (var i = 1; i <= count; i++)
            {
                var nodeFolder = System.IO.Directory.CreateDirectory(Path.Combine(folder, $"node-{i}")).FullName;
                nodes.Add(FleetNode.Start($"node {i}", nodeFolder, [
                    "--urls", $"http://127.0.0.1:{LoopbackPort.Free()}", "--Database:Provider=Postgres",
                    "--Database:ConnectionString=" + new NpgsqlConnectionStringBuilder(connection) { ApplicationName = $"rollcall-node-{i}" },
                    "--Personio:BaseUrl=" + personio, "--Mail:Delivery=Folder", "--Mail:Folder=" + Path.Combine(nodeFolder, "mail"), .. settings.NodeSettings,
                ]));
            }

            var deadline = night - TimeSpan.FromSeconds(2);
            var started = await Task.WhenAll(nodes.Select(n => n.WaitStartedAsync(deadline)));
            if (started.All(s => s))
            {
                Log($"{count} node(s) up, all companies due at {FleetSetup.Describe(night)}");
                return night;
            }

            if (lead > TimeSpan.FromMinutes(4))
            {
                throw new InvalidOperationException($"The nodes did not start within {lead.TotalSeconds:F0} s:\n{nodes[0].Tail()}");
            }

            Log($"a node was not up by {FleetSetup.Describe(night)}: starting again for a later minute");
            await StopAsync(nodes);
        }
    }

    /// <summary>Polls twice a second until every company has a finished nightly run, or the deadline.</summary>
    private static async Task<(FleetProbe.Progress Progress, bool TimedOut)> WaitForEveryCompanyAsync(
        FleetProbe probe, List<FleetNode> nodes, int companies, DateTimeOffset deadline)
    {
        var reported = Stopwatch.StartNew();
        while (true)
        {
            var progress = await probe.ProgressAsync();
            if (progress.Finished >= companies || TimeProvider.System.GetUtcNow() > deadline)
            {
                return (progress, progress.Finished < companies);
            }

            if (nodes.FirstOrDefault(n => n.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"{dead.Name} exited during the night:\n{dead.Tail()}");
            }

            if (reported.Elapsed > TimeSpan.FromSeconds(15))
            {
                Log($"  {progress.Finished:N0} of {companies:N0} companies done, {progress.Running} running, {progress.Failed} failed");
                reported.Restart();
            }

            await Task.Delay(500);
        }
    }

    /// <summary>
    /// Runs still under way or begun late (a second node firing a company the first has done) are duplicates: waits
    /// until no nightly run is running and none has begun for 10 s, at most two minutes.
    /// </summary>
    private static async Task SettleAsync(FleetProbe probe)
    {
        var quiet = Stopwatch.StartNew();
        var waited = Stopwatch.StartNew();
        var last = await probe.ProgressAsync();
        while (waited.Elapsed < TimeSpan.FromMinutes(2) && (last.Running > 0 || quiet.Elapsed < TimeSpan.FromSeconds(10)))
        {
            await Task.Delay(500);
            var now = await probe.ProgressAsync();
            if (now.Runs != last.Runs || now.Running > 0)
            {
                quiet.Restart();
            }

            last = now;
        }
    }

    private static TimeSpan ProcessCpu(int? pid)
    {
        if (pid is null)
        {
            return TimeSpan.Zero;
        }

        using var process = Process.GetProcessById(pid.Value);
        return process.TotalProcessorTime;
    }

    private static void Log(string line) => Console.Error.WriteLine($"[fleet {TimeProvider.System.GetUtcNow():HH:mm:ss}] {line}");
}
