using System.CommandLine;
using Rollcall.Data.Companies;
using Rollcall.Endpoints;

using Rollcall.Data.ConfigAudit;

namespace Rollcall.Companies;

/// <summary><c>create-company</c>: a company and its first admin, whose one-time password is printed once.</summary>
internal static class CreateCompanyVerb
{
    public const string Name = "create-company";

    public static Command Command(Func<string[], CancellationToken, Task<IHost>> buildHost)
    {
        var name = new Option<string>("--name") { Description = "Company name", Required = true };
        var adminEmail = new Option<string>("--admin-email") { Description = "Email of the first admin (their login)", Required = true };
        var firstName = new Option<string>("--admin-first-name") { Description = "First name of the first admin", DefaultValueFactory = _ => "Admin" };
        var lastName = new Option<string>("--admin-last-name") { Description = "Last name of the first admin", DefaultValueFactory = _ => "" };
        var timeZone = new Option<string>("--time-zone") { Description = "IANA time zone", DefaultValueFactory = _ => "Europe/Berlin" };
        var language = new Option<CompanyLanguage>("--language") { Description = "de or en", DefaultValueFactory = _ => CompanyLanguage.De };
        var command = new Command(Name, "Create a company and its first admin; prints a one-time password.")
        {
            name, adminEmail, firstName, lastName, timeZone, language, VerbHost.TimingsOption(),
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => VerbHost.RunAsync(parse, buildHost, async (services, ct) =>
        {
            ConfigActor.Use(ConfigActor.CommandLine(Name));
            var setup = services.GetRequiredService<CompanySetup>();
            var created = await setup.CreateAsync(new CompanySetup.NewCompany(
                parse.GetRequiredValue(name), parse.GetRequiredValue(timeZone), parse.GetValue(language),
                parse.GetRequiredValue(adminEmail), parse.GetRequiredValue(firstName), parse.GetRequiredValue(lastName)), ct);
            Console.WriteLine($"Created company '{created.Company.Name}' (id {created.Company.Id}).");
            Console.WriteLine($"Admin login: {created.Admin.Email}");
            Console.WriteLine(created.OneTimePassword is { } password
                ? $"One-time password: {password} (you will choose your own at first login)"
                : "The admin already has an account and logs in with their existing password.");
            return 0;
        }, ct));
        return command;
    }
}
