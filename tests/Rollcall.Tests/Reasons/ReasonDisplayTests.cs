using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.Reasons;

/// <summary>
/// Reasons are rendered when shown: the JSON API in the caller's language (Accept-Language, English otherwise) with
/// stable codes, and reasons stored as English texts before they were codes still show, on both databases.
/// </summary>
public sealed class ReasonDisplayTests
{
    [Fact]
    public async Task Api_ReasonsAndProblems_InTheLanguageAsked_EnglishOtherwise_CodesTheSame()
    {
        await using var s = await SyncScenario.StartAsync(); // the company is German: the API does not follow it
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Ida", "Iban", "ida@example.test", iban: "DE00123456789");
        var run = await s.SyncAsync();
        await s.UseCredentialAsync(s.Personio.ClientId, "a-revoked-secret");
        var rejected = await s.SyncAsync();

        var english = await RunAndStepsAsync(s, run.Id, null);
        var german = await RunAndStepsAsync(s, run.Id, "de-DE,de;q=0.9,en;q=0.5");
        var french = await RunAndStepsAsync(s, run.Id, "fr-FR");
        var rejectedGerman = await ReadAsync(s, $"{s.Base}/runs/{rejected.Id}", "de");
        var problemGerman = await ReadAsync(s, $"{s.Base}/runs/{Guid.NewGuid()}", "de", HttpStatusCode.NotFound);
        var problemEnglish = await ReadAsync(s, $"{s.Base}/runs/{Guid.NewGuid()}", null, HttpStatusCode.NotFound);

        Assert.Equal("The IBAN in Personio fails the check; not imported.", english.Iban["reason"]!.GetValue<string>());
        Assert.Equal("Die IBAN in Personio besteht die Prüfung nicht; nicht übernommen.", german.Iban["reason"]!.GetValue<string>());
        Assert.Equal(english.Iban["reason"]!.GetValue<string>(), french.Iban["reason"]!.GetValue<string>());
        Assert.All([english, german, french], r => Assert.Equal("invalid_iban", r.Iban["reasonCode"]!.GetValue<string>()));
        Assert.Equal("credentials_rejected", rejectedGerman["reasonCode"]!.GetValue<string>());
        Assert.Equal("Personio hat die gespeicherten Zugangsdaten abgelehnt; die Verbindung ist getrennt und nichts wurde geändert.",
            rejectedGerman["reason"]!.GetValue<string>());
        Assert.Equal(("not_found", "Diesen Lauf gibt es nicht."), (problemGerman["code"]!.GetValue<string>(), problemGerman["detail"]!.GetValue<string>()));
        Assert.Equal(("not_found", "The run does not exist."), (problemEnglish["code"]!.GetValue<string>(), problemEnglish["detail"]!.GetValue<string>()));
    }

    /// <summary>
    /// A database from before reasons were codes: its run and step reasons are English texts. The migration keeps
    /// them (as the reason <c>text</c>), and the API and the pages show them as they were; going down gives back the texts.
    /// </summary>
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task OldTextReasons_SurviveTheMigration_AndShowAsTheyWere(string provider)
    {
        await using var database = provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();
        await using var app = RollcallApp.Start(database, ownsDatabase: false);
        var company = await app.CreateCompanyAsync();
        var runId = Guid.NewGuid();
        const string runText = "Approved by ada@example.com.";
        const string stepText = "No longer in Personio.";
        await app.WithDbAsync(async db =>
        {
            db.SyncRuns.Add(new SyncRun { Id = runId, CompanyId = company.Id, State = RunState.Succeeded, StartedAt = new DateTime(2026, 1, 5, 2, 0, 0, DateTimeKind.Utc), Reason = Reason.Text(runText) });
            db.SyncRunSteps.Add(new SyncRunStep { RunId = runId, CompanyId = company.Id, Kind = StepKind.Deactivate, Status = StepStatus.Applied, ReasonCode = "gone", Reason = Reason.Text(stepText) });
            return await db.SaveChangesAsync();
        });

        // Back to the schema before this change: the reasons become the plain texts an older Rollcall wrote.
        var applied = await app.WithDbAsync(async db => (await db.Database.GetAppliedMigrationsAsync()).ToList());
        var reasonsAsCodes = applied.FindIndex(m => m.EndsWith("_ReasonsAsCodes", StringComparison.Ordinal));
        await app.WithDbAsync(async db => { await db.GetService<IMigrator>().MigrateAsync(applied[reasonsAsCodes - 1]); return 0; });
        var stored = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("""SELECT "Reason" AS "Value" FROM "SyncRuns" UNION ALL SELECT "Reason" FROM "SyncRunSteps" """).ToListAsync());
        await app.WithDbAsync(async db => { await db.Database.MigrateAsync(); return 0; });

        var api = app.ApiClient(company.ApiKey);
        var shownRun = await (await api.GetAsync($"/api/companies/{company.Id}/personio/runs/{runId}")).ReadJsonAsync(HttpStatusCode.OK);
        var shownStep = (await (await api.GetAsync($"/api/companies/{company.Id}/personio/runs/{runId}/steps")).ReadJsonAsync(HttpStatusCode.OK))["items"]![0]!;
        var page = await (await PageKit.LoggedInAsync(app, company.AdminEmail)).HtmlAsync($"/companies/{company.Id}/runs/{runId}");

        Assert.Equal([runText, stepText], stored.Order(StringComparer.Ordinal));
        Assert.Equal((runText, "text"), (shownRun["reason"]!.GetValue<string>(), shownRun["reasonCode"]!.GetValue<string>()));
        Assert.Equal((stepText, "gone"), (shownStep["reason"]!.GetValue<string>(), shownStep["reasonCode"]!.GetValue<string>()));
        Assert.Contains(WebUtility.HtmlEncode(runText), page);
        Assert.Contains(WebUtility.HtmlEncode(stepText), page);
    }

    private static async Task<(JsonNode Run, JsonNode Iban)> RunAndStepsAsync(SyncScenario s, Guid runId, string? language)
    {
        var run = await ReadAsync(s, $"{s.Base}/runs/{runId}", language);
        var steps = await ReadAsync(s, $"{s.Base}/runs/{runId}/steps?kind=warn", language);
        return (run, steps["items"]!.AsArray().Single(st => st!["reasonCode"]!.GetValue<string>() == "invalid_iban")!);
    }

    private static async Task<JsonNode> ReadAsync(SyncScenario s, string path, string? language, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await (await s.Api.SendAsync(request)).ReadJsonAsync(expected);
    }
}
