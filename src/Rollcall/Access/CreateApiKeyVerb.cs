using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Endpoints;

namespace Rollcall.Access;

/// <summary><c>create-api-key</c>: a JSON API key for an admin of a company, printed once.</summary>
internal static class CreateApiKeyVerb
{
    public const string Name = "create-api-key";

    public static Command Command(Func<string[], WebApplication> buildApp)
    {
        var company = new Option<Guid>("--company") { Description = "Company id", Required = true };
        var adminEmail = new Option<string>("--admin-email") { Description = "Admin the key acts as", Required = true };
        var keyName = new Option<string>("--name") { Description = "What the key is for", DefaultValueFactory = _ => "command line" };
        var command = new Command(Name, "Create an API key for an admin of a company; prints the key once.") { company, adminEmail, keyName };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => VerbHost.RunAsync(parse, buildApp, async (services, ct) =>
        {
            var companyId = parse.GetValue(company);
            var email = DirectoryUser.NormalizeEmail(parse.GetRequiredValue(adminEmail));
            var db = services.GetRequiredService<RollcallDbContext>();
            var admin = await db.DirectoryUsers.SingleOrDefaultAsync(u => u.CompanyId == companyId && u.NormalizedEmail == email
                && u.Role == UserRole.Admin && u.Status != UserStatus.Deactivated && u.AccountId != null, ct)
                ?? throw new ArgumentException("No active admin with a login has this email in that company.");
            var issued = await services.GetRequiredService<ApiKeys>().IssueAsync(companyId, admin.AccountId!.Value, parse.GetRequiredValue(keyName), ct);
            Console.WriteLine($"API key (shown once, store it now): {issued.Key}");
            return 0;
        }, ct));
        return command;
    }
}
