using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Xunit.v3;

[assembly: Rollcall.Tests.Infrastructure.RunningTestsLog]

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// Keeps a file (named by <c>ROLLCALL_TEST_RUNNING</c>, which the test script sets) listing the tests running right now
/// and since when, and watches for a hang: a test blocked in a call that no cancellation reaches holds the test host
/// forever, and the test platform's <c>--timeout</c> cannot end it. When no test has started or ended for
/// <c>ROLLCALL_TEST_HANG_LIMIT</c> (default 10 minutes), or one test has run for twice that, the watchdog writes what
/// was running and what ended last (a test whose clean-up hangs has ended its body), and stops the test host, so the
/// run ends with a failure that names the test instead of running into the CI's limit.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RunningTestsLogAttribute : BeforeAfterTestAttribute
{
    private static readonly string? LogFile = Environment.GetEnvironmentVariable("ROLLCALL_TEST_RUNNING");
    private static readonly TimeSpan HangLimit = TimeSpan.TryParse(Environment.GetEnvironmentVariable("ROLLCALL_TEST_HANG_LIMIT"), CultureInfo.InvariantCulture, out var limit)
        ? limit
        : TimeSpan.FromMinutes(10);

    private static readonly ConcurrentDictionary<string, (string Name, DateTimeOffset Since)> Running = new();
    private static readonly ConcurrentQueue<(string Name, DateTimeOffset At)> Ended = new();
    private static readonly Lock Writing = new();
    private static long _lastActivityTicks = Now.UtcTicks;

    // Started with the first test; checks twice a minute for as long as the test host lives.
    private static readonly Lazy<Timer> Watchdog = new(() => new Timer(_ => Watch(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        _ = Watchdog.Value;
        Running[test.UniqueID] = (test.TestDisplayName, Now);
        Interlocked.Exchange(ref _lastActivityTicks, Now.UtcTicks);
        Write();
    }

    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return; // the run is being stopped (its time limit): this test is one of those that never finished
        }

        Running.TryRemove(test.UniqueID, out _);
        Ended.Enqueue((test.TestDisplayName, Now));
        while (Ended.Count > 8 && Ended.TryDequeue(out _))
        {
        }

        Interlocked.Exchange(ref _lastActivityTicks, Now.UtcTicks);
        Write();
    }

    private static void Watch()
    {
        var now = Now;
        var quiet = now - new DateTimeOffset(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);
        var longest = Running.Values.Select(t => now - t.Since).DefaultIfEmpty(TimeSpan.Zero).Max();
        if (quiet < HangLimit && longest < 2 * HangLimit)
        {
            return;
        }

        var report = string.Join('\n',
        [
            $"Test host stopped by its hang watchdog: no test started or ended for {quiet.TotalMinutes:0.0} min, the longest running test ran {longest.TotalMinutes:0.0} min (limit {HangLimit.TotalMinutes:0.#} min).",
            "Running:",
            .. Running.Values.OrderBy(t => t.Since).Select(t => $"  {Stamp(t.Since)}  {t.Name}"),
            "Ended last (a hang in a test's clean-up comes after its end):",
            .. Ended.Select(t => $"  {Stamp(t.At)}  {t.Name}"),
        ]);
        lock (Writing)
        {
            if (LogFile is not null)
            {
                File.WriteAllText(LogFile, report + "\n");
            }
        }

        Console.Out.WriteLine(report);
        Console.Error.WriteLine(report);
        Environment.FailFast(report);
    }

    private static string Stamp(DateTimeOffset at) => at.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static void Write()
    {
        if (LogFile is null)
        {
            return;
        }

        lock (Writing)
        {
            File.WriteAllLines(LogFile, Running.Values.OrderBy(t => t.Since).Select(t => $"{Stamp(t.Since)}  {t.Name}"));
        }
    }
}
