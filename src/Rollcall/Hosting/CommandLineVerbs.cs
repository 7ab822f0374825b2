using System.CommandLine;
using Microsoft.Extensions.Options;
using Rollcall.Access;
using Rollcall.Companies;
using Rollcall.Data;

namespace Rollcall.Hosting;

/// <summary>
/// Verbs of the Rollcall executable (<c>Rollcall create-company …</c>). Tokens a verb does not know, such as
/// <c>--Database:Provider=Postgres</c>, configure the host exactly as they would configure the server.
/// </summary>
internal static class CommandLineVerbs
{
    private static readonly string[] Names = [CreateCompanyVerb.Name, CreateApiKeyVerb.Name, Sync.SyncVerb.Name, DemoVerb.Name];

    public static bool IsVerb(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    /// <param name="args">The command line.</param>
    /// <param name="buildVerbHost">The host of <c>create-company</c>, <c>create-api-key</c> and <c>sync</c>: only what they use.</param>
    /// <param name="buildServer">The whole server, for <c>demo</c> (which serves once it is set up).</param>
    public static async Task<int> RunAsync(string[] args, Func<string[], CancellationToken, Task<IHost>> buildVerbHost, Func<string[], WebApplication> buildServer)
    {
        var root = new RootCommand("Rollcall keeps a company's user directory in step with Personio.")
        {
            CreateCompanyVerb.Command(buildVerbHost),
            CreateApiKeyVerb.Command(buildVerbHost),
            Sync.SyncVerb.Command(buildVerbHost),
            DemoVerb.Command(buildServer),
        };
        try
        {
            // A bad setting reaches StartupErrors (one line, exit code 2), as it does for the server; System.CommandLine's own
            // handler would print a stack trace.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (StartupErrors.Describe(e) is null)
        {
            await Console.Error.WriteLineAsync($"Unhandled exception: {e}");
            return 1;
        }
    }

    /// <summary>Runs the checks <c>ValidateOnStart</c> would run, before anything starts.</summary>
    public static void ValidateOptions(IServiceProvider services) =>
        services.GetRequiredService<IStartupValidator>().Validate();
}
