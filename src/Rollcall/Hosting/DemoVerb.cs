using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rollcall.Integration;
using Rollcall.Companies;
using Rollcall.Data;
using Rollcall.Data.Access;
using Rollcall.Data.Companies;
using Rollcall.Data.Sync;
using Rollcall.Personio;
using Rollcall.Sync;

using Microsoft.Extensions.Options;
using Rollcall.Mail;

namespace Rollcall.Hosting;

/// <summary>
/// <c>demo</c>: a complete local demo on embedded defaults. Against a Personio sandbox on loopback it seeds a
/// realistic company, creates a Rollcall company with a known admin login, connects and maps the attributes, runs
/// the first sync, prints the URL, and then serves like the production server.
/// </summary>
internal static class DemoVerb
{
    public const string Name = "demo";
    public const string AdminEmail = "admin@demo.rollcall.example";
    public const string AdminPassword = "rollcall-demo-password";

    public static Command Command(Func<string[], WebApplication> buildApp)
    {
        var sandbox = new Option<string>("--sandbox") { Description = "URL of the Personio sandbox (loopback only)", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var size = new Option<int>("--employees") { Description = "Employees of the demo company in the sandbox", DefaultValueFactory = _ => 200 };
        var command = new Command(Name, "Start a local demo against the Personio sandbox.") { sandbox, size };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetRequiredValue(sandbox), UriKind.Absolute, out var sandboxUrl) || !sandboxUrl.IsLoopback)
            {
                await Console.Error.WriteLineAsync("error: the demo runs only against a sandbox on this machine (a loopback URL).");
                return 1;
            }

            string[] hostArgs =
            [
                "--Personio:BaseUrl=" + sandboxUrl, "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
                // Nothing a newcomer could act on: the demo creates the company itself, and its keys live in a throw-away folder.
                "--Logging:LogLevel:Rollcall.Data.DatabaseMigrator=Error", "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=Error",
                "--Logging:LogLevel:Rollcall.Access.KeyRingCheck=Error",
                "--Mail:Delivery=Folder", "--Mail:ShowMailbox=true", "--Mail:DispatchInterval=00:00:02", .. parse.UnmatchedTokens,
            ];
            await using var app = buildApp(hostArgs);
            await app.StartAsync(ct);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var companyId = await PrepareAsync(scope.ServiceProvider, sandboxUrl, parse.GetValue(size), ct);
                foreach (var url in app.Urls)
                {
                    Console.WriteLine($"Rollcall demo: open {url}/login");
                }

                Console.WriteLine($"  login     {AdminEmail}");
                Console.WriteLine($"  password  {AdminPassword}");
                Console.WriteLine($"  company   {companyId} (connected to the Personio sandbox at {sandboxUrl})");
            }

            await using (var scope = app.Services.CreateAsyncScope())
            {
                // The invitations of the first sync, written to the folder sink now rather than at the dispatcher's next round.
                // The dispatcher's own round may hold some of them at this moment (claimed, being written): wait until none
                // is left to send, at most a few seconds, so the count below is the whole first sync's.
                var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
                for (var round = 0; round < 50; round++)
                {
                    await scope.ServiceProvider.GetRequiredService<MailDispatcher>().DispatchAsync(ct);
                    if (!await db.OutboxMessages.AnyAsync(m => m.State == Data.Outbox.MessageState.Pending && !m.Held, ct))
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
                }

                var folder = Path.GetFullPath(scope.ServiceProvider.GetRequiredService<IOptions<MailOptions>>().Value.Folder);
                var written = System.IO.Directory.Exists(folder) ? System.IO.Directory.GetFiles(folder, "*.eml").Length : 0;
                Console.WriteLine($"  mailbox   {app.Urls.First()}/mailbox ({written} invitations written to {folder})");
            }

            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }

    private static async Task<Guid> PrepareAsync(IServiceProvider services, Uri sandboxUrl, int employees, CancellationToken ct)
    {
        var db = services.GetRequiredService<RollcallDbContext>();
        var existing = await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Name == "Rollcall Demo GmbH", ct);
        if (existing is not null && await db.PersonioIntegrations.AnyAsync(i => i.CompanyId == existing.Id && i.State == Data.Personio.IntegrationState.Connected, ct))
        {
            return existing.Id; // a restarted demo keeps its data; a fresh sandbox needs a fresh data folder
        }

        using var control = new HttpClient { BaseAddress = sandboxUrl };
        var created = await (await control.PostAsJsonAsync("/_sandbox/companies", new { name = "Rollcall Demo GmbH", size = employees, seed = 42 }, ct))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct);
        var credentials = new PersonioCredentials(created.GetProperty("client_id").GetString()!, created.GetProperty("client_secret").GetString()!);

        var company = existing ?? (await services.GetRequiredService<CompanySetup>().CreateAsync(
            new CompanySetup.NewCompany("Rollcall Demo GmbH", "Europe/Berlin", CompanyLanguage.En, AdminEmail, "Demo", "Admin"), ct)).Company;
        var accounts = services.GetRequiredService<UserManager<Account>>();
        var admin = (await accounts.FindByEmailAsync(AdminEmail))!;
        await accounts.RemovePasswordAsync(admin);
        await accounts.AddPasswordAsync(admin, AdminPassword);
        admin.MustChangePassword = false;
        await accounts.UpdateAsync(admin);

        var catalog = await services.GetRequiredService<PersonioClient>().GetAttributeCatalogAsync(credentials, ct);
        string? Key(string label) => catalog.Attributes.FirstOrDefault(a => string.Equals(a.Label, label, StringComparison.OrdinalIgnoreCase))?.Key;
        var connected = await services.GetRequiredService<PersonioConnection>().ConnectAsync(company.Id, credentials.ClientId, credentials.ClientSecret,
            new AttributeMapping(Key("IBAN"), Key("Personnel number"), Key("Creditor number")), ct);
        if (connected.Problem is { } problem)
        {
            throw new InvalidOperationException($"The demo could not connect to the sandbox: {problem.Detail}");
        }

        await services.GetRequiredService<SyncSchedule>().UpdateAsync(company.Id, ct);
        var run = await services.GetRequiredService<SyncEngine>().RunAsync(company.Id, SyncTrigger.Manual, dryRun: false, null, ct);
        if (run.Value is { } finished)
        {
            Console.WriteLine($"First sync: {finished.State.ToString().ToLowerInvariant()}, {finished.Read} employees read, {finished.Created} users created and invited.");
        }

        return company.Id;
    }
}
