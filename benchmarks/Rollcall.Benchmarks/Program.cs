using BenchmarkDotNet.Running;
using Rollcall.Benchmarks;

// `requests`: requests per full read (and 429s under Personio's limits); `requests-gone [sizes…]`: requests of a
// whole run when nobody, some or many are gone and when the list moves; `requests-org [sizes…]`: requests of a full
// read with org data (v1 list requests, v2 reference reads); `sync-org [sizes…]`: first sync with org data against
// the same without; `sync [sizes…] [--postgres]`: first sync and no-change re-sync into SQLite (or PostgreSQL) against the bare read;
// `mail [counts…] [--postgres]`: the dispatcher against a bare MailKit loop; `explorer-query [rows]`: the explorer's list against
// the user list on SQLite (and PostgreSQL when ROLLCALL_TEST_POSTGRES names a server); `fleet [options]`: many
// companies due at one nightly minute, synced by one and then two Rollcall processes on PostgreSQL (FleetBenchmark);
// `sealing [employees] [rounds]`: the first sync with payment data sealed at rest against a pass-through seal;
// `webhooks [employees] [changes] [burst]`: latency and requests of the event path against a full read (WebhookBenchmark);
// `process [employees] [rounds] [--Database:…]`: the Rollcall executable's verbs as processes against a bare read (ProcessBenchmark);
// anything else goes to BenchmarkDotNet.
if (args is ["requests", ..])
{
    await RequestCounts.RunAsync(args.Length > 1 && args[1] == "--with-50000");
    return;
}

if (args is ["requests-gone", ..])
{
    var sizes = args[1..].Select(int.Parse).ToArray();
    await GoneRequestCounts.RunAsync(sizes.Length > 0 ? sizes : [1_000, 10_001]);
    return;
}

if (args is ["requests-org", ..])
{
    var sizes = args[1..].Select(int.Parse).ToArray();
    await OrgRequestCounts.RunAsync(sizes.Length > 0 ? sizes : [1_000, 10_000]);
    return;
}

if (args is ["sync-org", ..])
{
    var sizes = args[1..].Select(int.Parse).ToArray();
    await OrgSyncBenchmark.RunAsync(sizes.Length > 0 ? sizes : [10_000]);
    return;
}

if (args is ["sync", ..])
{
    // sync [sizes…] [--postgres[=<connection string>]] [--Setting=value…]: --postgres alone takes the server from ROLLCALL_TEST_POSTGRES.
    var sizes = args[1..].Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToArray();
    var postgres = args.FirstOrDefault(a => a == "--postgres" || a.StartsWith("--postgres=", StringComparison.Ordinal)) is { } flag
        ? flag.Length > "--postgres=".Length ? flag["--postgres=".Length..] : Environment.GetEnvironmentVariable("ROLLCALL_TEST_POSTGRES")
            ?? throw new InvalidOperationException("--postgres needs a connection string, or ROLLCALL_TEST_POSTGRES.")
        : null;
    var settings = args[1..].Where(a => a.StartsWith("--", StringComparison.Ordinal) && !a.StartsWith("--postgres", StringComparison.Ordinal)).ToArray();
    await SyncBenchmark.RunAsync(sizes.Length > 0 ? sizes : [10_000, 100_000], settings, postgres);
    return;
}

if (args is ["sealing", ..])
{
    // sealing [employees] [rounds]: the first sync with payment data sealed at rest against a pass-through seal.
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    await SealingBenchmark.RunAsync([Arg(1, 10_000)], Arg(2, 3));
    return;
}

if (args is ["mail", ..])
{
    // mail [counts…] [--postgres[=<connection string>]]: --postgres alone takes the server from ROLLCALL_TEST_POSTGRES.
    var counts = args[1..].Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    var postgres = args.FirstOrDefault(a => a == "--postgres" || a.StartsWith("--postgres=", StringComparison.Ordinal)) is { } flag
        ? flag.Length > "--postgres=".Length ? flag["--postgres=".Length..] : Environment.GetEnvironmentVariable("ROLLCALL_TEST_POSTGRES")
            ?? throw new InvalidOperationException("--postgres needs a connection string, or ROLLCALL_TEST_POSTGRES.")
        : null;
    await MailBenchmark.RunAsync(counts.Length > 0 ? counts : [200, 2_000], postgres);
    return;
}

if (args is ["explorer-query", ..])
{
    await ExplorerQueryBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
        Environment.GetEnvironmentVariable("ROLLCALL_TEST_POSTGRES"));
    return;
}

if (args is ["webhooks", ..])
{
    // webhooks [employees] [changes] [burst]: the event path against a full read, with the default quiet period and with 1 s.
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    await WebhookBenchmark.RunAsync(Arg(1, 10_000), Arg(2, 10), Arg(3, 500), [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)]);
    return;
}

if (args is ["process", ..])
{
    // process [employees] [rounds] [--Database:Provider=Postgres --Database:ConnectionString=<server>]: the sync verb as a process of its own.
    var numbers = args[1..].Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    await ProcessBenchmark.RunAsync(numbers.Length > 0 ? numbers[0] : 10_000, numbers.Length > 1 ? numbers[1] : 3,
        args[1..].Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray());
    return;
}

if (args is ["fleet", ..])
{
    await FleetBenchmark.RunAsync(FleetBenchmark.Parse(args[1..]));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PersonioReadBenchmarks).Assembly).Run(args);
