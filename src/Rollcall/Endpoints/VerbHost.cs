using System.CommandLine;

namespace Rollcall.Endpoints;

/// <summary>
/// Where a command-line verb runs (<c>create-company</c>, <c>create-api-key</c>, <c>sync</c>): a host of the features the
/// verbs use, configured as the server is (<c>RollcallHost.BuildVerbHostAsync</c>); nothing starts with it. Tokens the
/// verb does not know configure the host.
/// </summary>
internal static class VerbHost
{
    private const string Timings = "--timings";

    /// <summary><c>--timings</c>, which every verb takes.</summary>
    public static Option<bool> TimingsOption() => new(Timings)
    {
        Description = "Print to standard error when the first request to Personio left and when the verb ended, counted from the process's start, with the peak working set",
    };

    /// <summary>Builds the host the verb runs in (options validated, the database migrated if it must be) and runs the verb.</summary>
    public static async Task<int> RunAsync(
        ParseResult parse, Func<string[], CancellationToken, Task<IHost>> buildHost, Func<IServiceProvider, CancellationToken, Task<int>> verb, CancellationToken ct)
    {
        using var timings = parse.GetValue<bool>(Timings) ? VerbTimings.Start() : null;
        try
        {
            string[] hostArgs = ["--Logging:LogLevel:Default=Warning", .. parse.UnmatchedTokens];
            using var host = await buildHost(hostArgs, ct);
            await using var scope = host.Services.CreateAsyncScope();
            try
            {
                return await verb(scope.ServiceProvider, ct);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        }
        finally
        {
            timings?.Report();
        }
    }
}
