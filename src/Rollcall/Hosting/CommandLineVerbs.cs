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

    public static Task<int> RunAsync(string[] args, Func<string[], WebApplication> buildApp)
    {
        var root = new RootCommand("Rollcall keeps a company's user directory in step with Personio.")
        {
            CreateCompanyVerb.Command(buildApp),
            CreateApiKeyVerb.Command(buildApp),
            Sync.SyncVerb.Command(buildApp),
            DemoVerb.Command(buildApp),
        };
        return root.Parse(args).InvokeAsync();
    }

    /// <summary>Runs the checks <c>ValidateOnStart</c> would run, before anything starts.</summary>
    public static void ValidateOptions(IServiceProvider services) =>
        services.GetRequiredService<IStartupValidator>().Validate();
}
