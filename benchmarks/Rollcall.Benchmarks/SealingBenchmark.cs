using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.PaymentData;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>
/// What sealing payment data at rest costs: the first sync of N employees with IBAN, personnel and creditor number
/// mapped, as shipped (every value sealed through Data Protection), against the same first sync with a pass-through
/// seal substituted in this benchmark only. Alternating, several rounds, median per variant; one sandbox company.
/// </summary>
internal static class SealingBenchmark
{
    public static async Task RunAsync(int[] sizes, int rounds)
    {
        Console.WriteLine("| Employees | Run | Seconds | Bare read (s) | Ratio | Rows written | Peak working-set growth (MB) | Peak GC heap growth (MB) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        var ratios = new List<string>();
        await using (var warmUp = await SandboxServer.StartProcessAsync("--Sandbox:RateLimits:Enabled=false"))
        {
            var small = await warmUp.CreateCompanyAsync(1_000);
            await FirstSyncAsync(warmUp, small, 1_000, "warm-up (not compared)", sealAtRest: true);
            await FirstSyncAsync(warmUp, small, 1_000, "warm-up (not compared)", sealAtRest: false);
        }

        foreach (var size in sizes)
        {
            await using var sandbox = await SandboxServer.StartProcessAsync("--Sandbox:RateLimits:Enabled=false");
            var personio = await sandbox.CreateCompanyAsync(size);
            var sealedRuns = new List<double>();
            var clearRuns = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                // Alternate which variant goes first, so a drift of the machine favours neither.
                var sealedFirst = round % 2 == 0;
                var first = await FirstSyncAsync(sandbox, personio, size, sealedFirst ? "first sync, sealed at rest" : "first sync, pass-through seal", sealedFirst);
                var second = await FirstSyncAsync(sandbox, personio, size, sealedFirst ? "first sync, pass-through seal" : "first sync, sealed at rest", !sealedFirst);
                (sealedFirst ? sealedRuns : clearRuns).Add(first);
                (sealedFirst ? clearRuns : sealedRuns).Add(second);
            }

            var ratio = Median(sealedRuns) / Median(clearRuns);
            ratios.Add(string.Create(CultureInfo.InvariantCulture, $"{size:N0}: median {Median(sealedRuns):F2} s sealed / {Median(clearRuns):F2} s pass-through = {ratio:F3}"));
        }

        Console.WriteLine();
        Console.WriteLine("Sealed at rest / pass-through (same run, medians): " + string.Join("; ", ratios));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static Task<double> FirstSyncAsync(SandboxServer sandbox, SandboxCompany personio, int size, string label, bool sealAtRest) =>
        SyncBenchmark.FirstSyncInFreshAppAsync(sandbox, personio, size, label, readable: null, sealAtRest
            ? null
            : services => services.AddSingleton(provider => new PaymentDataSeal(new PassThroughProtection(), provider.GetRequiredService<PaymentFingerprintKey>())));

    /// <summary>A "protector" that returns its input: the baseline that stores payment data as it is (benchmark only).</summary>
    private sealed class PassThroughProtection : IDataProtectionProvider, IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => this;

        public byte[] Protect(byte[] plaintext) => plaintext;

        public byte[] Unprotect(byte[] protectedData) => protectedData;
    }
}
