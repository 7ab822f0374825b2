using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Xunit.v3;

[assembly: Rollcall.Tests.Infrastructure.RunningTestsLog]

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// Keeps a file (named by <c>ROLLCALL_TEST_RUNNING</c>, which the test script sets) listing the tests running right now
/// and since when, so a run stopped by its time limit says which tests never finished.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RunningTestsLogAttribute : BeforeAfterTestAttribute
{
    private static readonly string? LogFile = Environment.GetEnvironmentVariable("ROLLCALL_TEST_RUNNING");
    private static readonly ConcurrentDictionary<string, (string Name, DateTimeOffset Since)> Running = new();
    private static readonly Lock Writing = new();

    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        Running[test.UniqueID] = (test.TestDisplayName, TimeProvider.System.GetUtcNow());
        Write();
    }

    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return; // the run is being stopped (its time limit): this test is one of those that never finished
        }

        Running.TryRemove(test.UniqueID, out _);
        Write();
    }

    private static void Write()
    {
        if (LogFile is null)
        {
            return;
        }

        lock (Writing)
        {
            File.WriteAllLines(LogFile, Running.Values.OrderBy(t => t.Since)
                .Select(t => $"{t.Since.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC  {t.Name}"));
        }
    }
}
