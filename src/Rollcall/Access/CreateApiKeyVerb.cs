using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Endpoints;

using Rollcall.Data.ConfigAudit;

namespace Rollcall.Access;

/// <summary><c>create-api-key</c>: a JSON API key for an admin of a company, printed once.</summary>
internal static class CreateApiKeyVerb
{
    public const string Name = "create-api-key";

    public static Command Command(Func<string[], CancellationToken, Task<IHost>> buildHost)
    {
        var company = new Option<Guid>("--company") { Description = "Company id", Required = true };
        var adminEmail = new Option<string>("--admin-email") { Description = "Admin the key acts as", Required = true };
        var keyName = new Option<string>("--name") { Description = "What the key is for", DefaultValueFactory = _ => "command line" };
        var readOnly = new Option<bool>("--read-only") { Description = "The key may only read (GET)" };
        var expiresInDays = new Option<int?>("--expires-in-days") { Description = "Days until the key stops working (default: never)" };
        var command = new Command(Name, "Create an API key for an admin of a company; prints the key once.") { company, adminEmail, keyName, readOnly, expiresInDays, VerbHost.TimingsOption() };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => VerbHost.RunAsync(parse, buildHost, async (services, ct) =>
        {
            ConfigActor.Use(ConfigActor.CommandLine(Name));
            var companyId = parse.GetValue(company);
            if (parse.GetValue(expiresInDays) is { } days && (days < 1 || days > ApiKeysApi.LongestLifetime.TotalDays))
            {
                throw new ArgumentException($"--expires-in-days must be between 1 and {ApiKeysApi.LongestLifetime.TotalDays:0}.");
            }

            var expiresAt = parse.GetValue(expiresInDays) is { } d ? services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(d) : (DateTime?)null;
            var email = DirectoryUser.NormalizeEmail(parse.GetRequiredValue(adminEmail));
            var db = services.GetRequiredService<RollcallDbContext>();
            var admin = await db.DirectoryUsers.SingleOrDefaultAsync(u => u.CompanyId == companyId && u.NormalizedEmail == email
                && u.Role == UserRole.Admin && u.Status != UserStatus.Deactivated && u.AccountId != null, ct)
                ?? throw new ArgumentException("No active admin with a login has this email in that company.");
            var issued = await services.GetRequiredService<ApiKeys>().IssueAsync(companyId, admin.AccountId!.Value, parse.GetRequiredValue(keyName), parse.GetValue(readOnly), expiresAt, ct);
            Console.WriteLine($"API key (shown once, store it now): {issued.Key}");
            return 0;
        }, ct));
        return command;
    }
}
