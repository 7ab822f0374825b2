using System.CommandLine;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.Reasons;

namespace Rollcall.Sync;

/// <summary><c>sync</c>: runs one company's sync (or a preview) now and prints the summary.</summary>
internal static class SyncVerb
{
    public const string Name = "sync";

    public static Command Command(Func<string[], CancellationToken, Task<IHost>> buildHost)
    {
        var company = new Option<Guid>("--company") { Description = "Company id", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Plan only: show what would change, change nothing" };
        var command = new Command(Name, "Sync one company with Personio now and print the summary.") { company, dryRun, VerbHost.TimingsOption() };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => VerbHost.RunAsync(parse, buildHost, async (services, ct) =>
        {
            var terminal = !Console.IsOutputRedirected;
            var progress = new Progress<int>(read =>
            {
                if (terminal)
                {
                    Console.Write($"\rRead {read:N0} employees from Personio…");
                }
            });
            var outcome = await services.GetRequiredService<SyncEngine>().RunAsync(parse.GetValue(company), SyncTrigger.CommandLine, parse.GetValue(dryRun), progress, ct);
            if (terminal)
            {
                Console.WriteLine();
            }

            if (outcome.Value is not { } run)
            {
                await Console.Error.WriteLineAsync($"error: {outcome.Problem!.Detail}");
                return 1;
            }

            Console.WriteLine($"Run {run.Id}: {run.State.ToString().ToLowerInvariant()}{(run.Reason is null ? "" : $" ({run.Reason.English()})")}");
            Console.WriteLine($"  read {run.Read}, created {run.Created}, updated {run.Updated}, linked {run.Linked}, reactivated {run.Reactivated}, " +
                $"deactivated {run.Deactivated}, held {run.Held}, skipped {run.Skipped}, warnings {run.Warnings}");
            return run.State is RunState.Failed ? 3 : 0;
        }, ct));
        return command;
    }
}
