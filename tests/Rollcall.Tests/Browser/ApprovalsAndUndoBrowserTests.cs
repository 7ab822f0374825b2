using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Browser;

/// <summary>
/// Held changes and undo in a real browser, in both languages: six IBAN changes are held by the payment guard; the admin
/// approves one, rejects one and approves the rest from the Approvals page; then undoes the run after reading its
/// preview. Screenshots under artifacts/screenshots/approvals-undo-{language}/.
/// </summary>
public sealed class ApprovalsAndUndoBrowserTests
{
    private const string NewIban = "GB82WEST12345698765432";

    [Theory]
    [InlineData("en", "Approvals", "Approve", "Reject", "Approve all", "The change was rejected.", "Nothing waits for approval.", "Undo this run…", "Will be restored (5)", "Undo the run", "undo")]
    [InlineData("de", "Genehmigungen", "Genehmigen", "Ablehnen", "Alle genehmigen", "Die Änderung wurde abgelehnt.", "Nichts wartet auf Genehmigung.", "Diesen Lauf rückgängig machen …", "Wird zurückgesetzt (5)", "Lauf rückgängig machen", "Rückgängigmachen")]
    public async Task PaymentChangesHeld_DecidedRowByRow_ThenTheRunUndoneAfterItsPreview(
        string language, string approvals, string approve, string reject, string approveAll, string rejected, string empty, string undoLink, string restored,
        string undoButton, string undoTrigger)
    {
        await using var sandbox = SandboxServer.Start();
        var personio = await sandbox.CreateCompanyAsync(0);
        await using var app = RollcallApp.StartOnLoopback(new Dictionary<string, string?>
        {
            ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["Personio:RetryBaseDelay"] = "00:00:00.050",
            ["Sync:ScheduleNightlyRuns"] = "false",
        });
        var company = await app.CreateCompanyAsync("Zahlung GmbH");
        var api = app.ApiClient(company.ApiKey);
        await api.PutAsJsonAsync($"/api/companies/{company.Id}", new { language });
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
        await SyncAsync(app, api, company.Id);
        foreach (var id in ids.Take(6))
        {
            await sandbox.SendAsync(HttpMethod.Put, $"/_sandbox/companies/{personio.Id}/employees/{id}/attributes/{SyncScenario.IbanKey}", new { value = NewIban });
        }

        var held = await SyncAsync(app, api, company.Id);
        await using var browser = await BrowserSession.StartAsync(app.Url!, $"approvals-undo-{language}");
        var page = browser.Page;
        page.Dialog += (_, dialog) => dialog.AcceptAsync(); // the confirmation before a destructive decision
        await page.GotoAsync("/login");
        await page.Locator("input[name='Email']").FillAsync(company.AdminEmail);
        await page.Locator("input[name='Password']").FillAsync(RollcallApp.Password);
        await page.Locator("input[name='Password']").PressAsync("Enter");
        await page.WaitForURLAsync($"**/companies/{company.Id}");

        await page.GetByRole(AriaRole.Link, new() { Name = approvals, Exact = true }).ClickAsync();
        var rows = page.Locator("table.approvals tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        await Assertions.Expect(rows.First).ToContainTextAsync("person1@example.test");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("WEST");
        await browser.ScreenshotAsync("inbox");
        await rows.First.GetByRole(AriaRole.Button, new() { Name = approve, Exact = true }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await rows.First.GetByRole(AriaRole.Button, new() { Name = reject, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(rejected);
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        await browser.ScreenshotAsync("decided-one-by-one");
        await page.GetByRole(AriaRole.Button, new() { Name = approveAll, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(empty);
        await browser.ScreenshotAsync("all-approved");

        await page.GotoAsync($"/companies/{company.Id}/runs/{held.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = undoLink }).ClickAsync();
        await page.WaitForURLAsync($"**/runs/{held.Id}/undo");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(restored);
        await Assertions.Expect(page.Locator("table.undo-restored tbody tr")).ToHaveCountAsync(5);
        await browser.ScreenshotAsync("undo-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = undoButton, Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/runs/[0-9a-f-]{36}$"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(undoTrigger);
        await browser.ScreenshotAsync("undone");

        var users = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.DirectoryUsers.Where(u => u.CompanyId == company.Id && u.Source == Rollcall.Data.Directory.UserSource.Personio)));
        Assert.All(users, u => Assert.Equal(SyncScenario.DefaultIban, app.Open(u.SealedIban)));
    }

    private static async Task<Rollcall.Data.Sync.SyncRun> SyncAsync(RollcallApp app, HttpClient api, Guid companyId)
    {
        var queued = await (await api.PostAsync($"/api/companies/{companyId}/personio/sync", null)).Content.ReadFromJsonAsync<JsonObject>();
        return await Pages.PageKit.FinishedRunAsync(app, Guid.Parse(queued!["id"]!.GetValue<string>()));
    }
}
