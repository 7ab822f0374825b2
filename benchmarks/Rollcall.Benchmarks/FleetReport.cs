using System.Globalization;

namespace Rollcall.Benchmarks;

/// <summary>One fleet night as measured: progress, runs, resources, and where the CPU went.</summary>
internal sealed record FleetNight(
    int Nodes, int Night, int Companies, int Covered, bool TimedOut, double WallSeconds, double FirstStartSeconds, double MeanRunSeconds, double Parallel,
    int Runs, int Duplicates, int Failed, int PeakConnections, long[] PeakWorkingSets, int Invitations, int Sent, int PersonioRequests,
    string[] FailureReasons, FleetNight.CpuBudget Cpu)
{
    /// <summary>CPU per finished run of the nodes, of the database's backends and of the sandbox; the machine's busy share.</summary>
    internal sealed record CpuBudget(double RollcallMs, double PostgresMs, double SandboxMs, double MachineBusy, double OtherCores);

    public double RunsPerMinute => Covered / WallSeconds * 60;

    public double RequestsPerMinute => PersonioRequests / WallSeconds * 60;
}

/// <summary>The fleet benchmark's markdown tables and the throughput ratio against the first node count measured.</summary>
internal static class FleetReport
{
    public static void Print(FleetBenchmark.Settings settings, List<FleetNight> nights)
    {
        Console.WriteLine();
        Console.WriteLine($"{settings.Companies:N0} companies × {settings.Employees:N0} employees, all due at one nightly minute; Personio's per-credential limits on"
            + (settings.AuthLimitPerAddress ? ", /v1/auth limited per client address" : "")
            + (settings.LatencyMs > 0 ? $", every Personio request answered after {settings.LatencyMs} ms." : ", Personio on loopback."));
        Console.WriteLine();
        Console.WriteLine("| Nodes | Night | Done | Wall time from the nightly minute (s) | Runs per minute | First run began after (s) | Mean run (s) | Runs at once (mean) | Nightly runs | Duplicate runs | Failed runs | Peak PostgreSQL connections | Rollcall CPU per run (ms) | Peak working set per node (MB) | Personio requests per minute | Invitations sent by then |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var n in nights)
        {
            var sets = string.Join(" / ", n.PeakWorkingSets.Select(w => (w / 1048576.0).ToString("F0", CultureInfo.InvariantCulture)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n.Nodes} | {Name(n)} | {n.Covered:N0} of {n.Companies:N0}{(n.TimedOut ? " (timed out)" : "")} | {n.WallSeconds:F1} | {n.RunsPerMinute:F0} | {n.FirstStartSeconds:F1} | {n.MeanRunSeconds:F2} | {n.Parallel:F2} | {n.Runs:N0} | {n.Duplicates:N0} | {n.Failed:N0} | {n.PeakConnections} | {n.Cpu.RollcallMs:F0} | {sets} | {n.RequestsPerMinute:N0} | {n.Sent:N0} of {n.Invitations:N0} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"Where the CPU went, from the nightly minute until every company was done ({Environment.ProcessorCount} cores):");
        Console.WriteLine();
        Console.WriteLine("| Nodes | Night | Rollcall per run (ms) | PostgreSQL backends per run (ms) | Sandbox per run (ms) | Together per run (ms) | Machine busy | Other processes (cores) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var n in nights)
        {
            var c = n.Cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n.Nodes} | {Name(n)} | {c.RollcallMs:F0} | {c.PostgresMs:F0} | {c.SandboxMs:F0} | {c.RollcallMs + c.PostgresMs + c.SandboxMs:F0} | {c.MachineBusy:P0} | {c.OtherCores:F2} |"));
        }

        Console.WriteLine();
        foreach (var n in nights.Where(n => n.FailureReasons.Length > 0))
        {
            Console.WriteLine($"Failed runs with {n.Nodes} node(s), {Name(n)} night: {string.Join("; ", n.FailureReasons)}");
        }

        foreach (var night in nights.GroupBy(n => n.Night))
        {
            var baseline = night.First();
            foreach (var n in night.Skip(1))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Throughput, {Name(n)} night, {n.Nodes} nodes / {baseline.Nodes}: **{n.RunsPerMinute / baseline.RunsPerMinute:F2}** (target ≥ 1.7 for 2 / 1)"));
            }
        }
    }

    private static string Name(FleetNight n) => n.Night == 1 ? "first" : n.Night == 2 ? "second" : $"#{n.Night}";

    /// <summary>The machine's CPU counters (<c>/proc/stat</c>), to tell a saturated machine from an idle wait; zeros elsewhere.</summary>
    internal readonly record struct MachineCpu(long Busy, long Total)
    {
        public static MachineCpu Read()
        {
            if (!File.Exists("/proc/stat"))
            {
                return default;
            }

            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4]; // idle and iowait
            var total = fields.Take(8).Sum(); // user … steal; guest time is already in user
            return new MachineCpu(total - idle, total);
        }

        public double BusySince(MachineCpu before) => Total == before.Total ? 0 : (double)(Busy - before.Busy) / (Total - before.Total);
    }
}
