using System.CommandLine;
using Rollcall.Data;

namespace Rollcall.Endpoints;

/// <summary>
/// Where a command-line verb runs (<c>create-company</c>, <c>create-api-key</c>, <c>sync</c>): the same host as the
/// server, options validated and the database migrated. Tokens the verb does not know configure the host.
/// </summary>
internal static class VerbHost
{
    /// <summary>Builds the host the verb runs in, validates its options, migrates the database and runs the verb.</summary>
    public static async Task<int> RunAsync(
        ParseResult parse, Func<string[], WebApplication> buildApp, Func<IServiceProvider, CancellationToken, Task<int>> verb, CancellationToken ct)
    {
        string[] hostArgs = ["--Logging:LogLevel:Default=Warning", .. parse.UnmatchedTokens];
        await using var app = buildApp(hostArgs);
        await DatabaseMigrator.MigrateAsync(app.Services, ct);
        await using var scope = app.Services.CreateAsyncScope();
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
}
