using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Rollcall.Hosting;

/// <summary>Turns a bad setting or an unreachable database into one clear line on stderr and a non-zero exit.</summary>
internal static class StartupErrors
{
    public const int BadConfiguration = 2;

    public static async Task<int> ReportAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (OptionsValidationException e)
        {
            return await FailAsync(string.Join(" ", e.Failures));
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            // Start-up validation reports every invalid options class at once, sometimes the same one twice.
            var failures = e.Flatten().InnerExceptions.Cast<OptionsValidationException>().SelectMany(v => v.Failures).Distinct();
            return await FailAsync(string.Join(" ", failures));
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            return await FailAsync(e.Message);
        }
        catch (DbException e)
        {
            return await FailAsync($"the database cannot be used: {e.Message}");
        }
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"Rollcall cannot start: {message.ReplaceLineEndings(" ")}");
        return BadConfiguration;
    }
}
