using BenchmarkDotNet.Running;

namespace Rollcall.PersonioSandbox.Benchmarks;

/// <summary>
/// Entry point (not top-level statements, whose generated <c>Program</c> would clash with the sandbox's).
/// Run in Release: <c>dotnet run -c Release --project benchmarks/Rollcall.PersonioSandbox.Benchmarks -- --filter '*'</c>.
/// </summary>
internal static class BenchmarkMain
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkMain).Assembly).Run(args);
}
