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
        catch (Exception e) when (Describe(e) is { } message)
        {
            return await FailAsync(message);
        }
    }

    /// <summary>What stops the start, in one line: a bad setting or an unusable database; null for anything else.</summary>
    public static string? Describe(Exception e) => e switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        // Start-up validation reports every invalid options class at once, sometimes the same one twice.
        AggregateException all when all.Flatten().InnerExceptions.All(inner => inner is OptionsValidationException) =>
            string.Join(" ", all.Flatten().InnerExceptions.Cast<OptionsValidationException>().SelectMany(v => v.Failures).Distinct()),
        InvalidOperationException conversion when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => conversion.Message,
        DbException database => $"the database cannot be used: {database.Message}",
        _ => null,
    };

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"Rollcall cannot start: {message.ReplaceLineEndings(" ")}");
        return BadConfiguration;
    }
}
