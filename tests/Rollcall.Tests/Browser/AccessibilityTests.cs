using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>
/// Every page in Rollcall's routing table passes axe-core (Deque's Playwright integration) with no serious or critical
/// violation, in English and in German. The pages are not listed here: they are read from the running app's endpoints,
/// so a new page is checked as soon as it exists. Its route parameters are filled from a company seeded with data for
/// every page (a connected Personio sandbox, finished runs, users, held approvals, mail, configuration changes, people
/// in the explorer, an invitation); a parameter this test does not know fails it, naming the page.
/// <para>
/// Rules: pages that allow anonymous visitors are visited logged out, every other page as the company's admin. A page
/// is visited with GET; one whose GET redirects (pages that only take a POST, such as /logout and /language, redirect)
/// is checked at its destination, which is itself a page in the table. A page that refuses a direct visit with a 4xx and
/// a page of its own (the external sign-in's callback) is checked as it shows that refusal.
/// </para>
/// </summary>
public sealed partial class AccessibilityTests
{
    private static readonly string[] Blocking = ["serious", "critical"];

    [Fact]
    public async Task EveryPageInTheRoutingTable_EnglishAndGerman_NoSeriousOrCriticalViolations()
    {
        await using var sandbox = SandboxServer.Start();
        var personio = await sandbox.CreateCompanyAsync(0);
        await using var app = RollcallApp.StartOnLoopback(new Dictionary<string, string?>
        {
            ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["Personio:RetryBaseDelay"] = "00:00:00.050",
            ["Sync:ScheduleNightlyRuns"] = "false",
            ["Mail:ShowMailbox"] = "true",
        });
        var (company, seeded) = await SeedAsync(app, sandbox, personio);
        var pages = PagesOf(app);
        Assert.Contains(pages, p => p.Template == "login");
        Assert.Contains(pages, p => p.Template.StartsWith("companies/", StringComparison.Ordinal));
        var unknown = pages.SelectMany(p => p.Parameters.Where(name => !seeded.ContainsKey(name)).Select(name => $"'{name}' of the page {p.Name} ({p.Template})")).ToList();
        Assert.True(unknown.Count == 0,
            "The accessibility test cannot fill these route parameters; add a value for each to the table in SeedAsync:\n" + string.Join("\n", unknown));

        await using var browser = await BrowserSession.StartAsync(app.Url!, "accessibility");
        var violations = new List<string>();
        var visited = new List<string>();
        foreach (var (language, locale) in new[] { ("en", "en-US"), ("de", "de-DE") })
        {
            await SyncScenario.AssertOkAsync(await app.ApiClient(company.ApiKey).PutAsJsonAsync($"/api/companies/{company.Id}", new { language }));
            var page = await browser.NewPageAsync(locale);
            var checkedHere = new HashSet<string>(StringComparer.Ordinal);

            // Anonymous pages first, while logged out; then the admin's.
            foreach (var entry in pages.OrderBy(p => p.Anonymous ? 0 : 1).ThenBy(p => p.Template, StringComparer.Ordinal))
            {
                if (!entry.Anonymous && !checkedHere.Contains("(logged in)"))
                {
                    await BrowserSession.LogInAsync(page, company.AdminEmail);
                    await page.WaitForURLAsync("**/companies/**");
                    checkedHere.Add("(logged in)");
                }

                var path = "/" + Parameter().Replace(entry.Template, m => Uri.EscapeDataString(seeded[m.Groups["name"].Value]));
                var response = await page.GotoAsync(path);
                // A page answers 200, or a refusal with a page of its own (the external sign-in's callback, opened directly, says why it refuses).
                Assert.True(response is { Status: 200 } || (response is { Status: >= 400 and < 500 } && await page.Locator("main h1").CountAsync() == 1),
                    $"{language} {path}: answered {response?.Status} to GET, without a page to show");
                var landed = new Uri(page.Url).PathAndQuery;
                if (!checkedHere.Add(new Uri(page.Url).AbsolutePath))
                {
                    continue; // redirected to a page checked already
                }

                Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
                visited.Add($"{language} {landed}");
                var result = await page.RunAxe();
                violations.AddRange(result.Violations
                    .Where(v => Blocking.Contains(v.Impact))
                    .SelectMany(v => v.Nodes.Select(n => $"{language} {landed} (visiting {entry.Name}): {v.Id} [{v.Impact}] at {n.Target}: {v.Help}")));
            }

            await page.Context.CloseAsync();
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Pages checked:\n{string.Join("\n", visited)}");
        Assert.True(violations.Count == 0, $"Serious or critical accessibility violations:\n{string.Join("\n", violations)}\n\nPages checked:\n{string.Join("\n", visited)}");
        Assert.Contains(visited, v => v.StartsWith("de /companies/", StringComparison.Ordinal));
    }

    /// <summary>The Razor pages among the app's endpoints: their route templates, parameters, and whether they let anonymous visitors in.</summary>
    private static List<PageRoute> PagesOf(RollcallApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => new PageRoute(
                e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath,
                e.RoutePattern.RawText!.TrimStart('/'),
                e.RoutePattern.Parameters.Select(p => p.Name).ToList(),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null))
            .DistinctBy(p => p.Template)
            .ToList();

    /// <summary>
    /// A company with data for every page, and the table of route parameter → value that fills the pages' routes from it.
    /// </summary>
    private static async Task<(TestCompany Company, Dictionary<string, string> Parameters)> SeedAsync(RollcallApp app, SandboxServer sandbox, SandboxCompany personio)
    {
        var company = await app.CreateCompanyAsync("Barrierefrei GmbH");
        var api = app.ApiClient(company.ApiKey);
        var ids = new List<long>();
        foreach (var i in Enumerable.Range(1, 10))
        {
            var hired = await sandbox.PostAsync($"/_sandbox/companies/{personio.Id}/employees", new
            {
                first_name = $"Person{i}", last_name = $"Nummer{i}", email = $"person{i}@example.test",
                custom_attributes = new Dictionary<string, string?> { [SyncScenario.IbanKey] = SyncScenario.DefaultIban },
            });
            ids.Add(hired.GetProperty("id").GetInt64());
        }

        await SyncScenario.AssertOkAsync(await api.PutAsJsonAsync($"/api/companies/{company.Id}/personio/credentials",
            new { clientId = personio.ClientId, clientSecret = personio.Secret, ibanAttribute = SyncScenario.IbanKey }));
        var first = await SyncAsync(app, api, company.Id);
        foreach (var id in ids.Take(6))
        {
            // More IBAN changes than the payment guard lets through: held for approval.
            await sandbox.SendAsync(HttpMethod.Put, $"/_sandbox/companies/{personio.Id}/employees/{id}/attributes/{SyncScenario.IbanKey}", new { value = "GB82WEST12345698765432" });
        }

        await SyncAsync(app, api, company.Id);
        await MailTesting.DispatchAsync(app); // the invitations, to the folder the mailbox shows
        var mail = new DirectoryInfo(app.MailFolder).GetFiles("*.eml").OrderBy(f => f.Name, StringComparer.Ordinal).First();
        using var message = await MimeMessage.LoadAsync(mail.FullName);
        var user = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.DirectoryUsers.Where(u => u.CompanyId == company.Id && u.Source == Rollcall.Data.Directory.UserSource.Personio)));

        return (company, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["companyId"] = company.Id.ToString(),
            ["runId"] = first.Id.ToString(),
            ["userId"] = user.Id.ToString(),
            ["token"] = MailTesting.TokenOf(MailTesting.LinkIn(message)),
            ["id"] = Path.GetFileNameWithoutExtension(mail.Name), // the mailbox's message
        });
    }

    private static async Task<Rollcall.Data.Sync.SyncRun> SyncAsync(RollcallApp app, HttpClient api, Guid companyId)
    {
        var queued = await (await api.PostAsync($"/api/companies/{companyId}/personio/sync", null)).Content.ReadFromJsonAsync<JsonObject>();
        return await Pages.PageKit.FinishedRunAsync(app, Guid.Parse(queued!["id"]!.GetValue<string>()));
    }

    private sealed record PageRoute(string Name, string Template, IReadOnlyList<string> Parameters, bool Anonymous);

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}?]+)?\??\}")]
    private static partial Regex Parameter();
}
