using BenchmarkDotNet.Running;
using Rollcall.Benchmarks;

// `requests`: requests per full read (and 429s under Personio's limits); anything else goes to BenchmarkDotNet.
if (args is ["requests", ..])
{
    await RequestCounts.RunAsync(args.Length > 1 && args[1] == "--with-50000");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PersonioReadBenchmarks).Assembly).Run(args);
