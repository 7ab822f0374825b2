using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.Sync;

/// <summary>
/// A warning about a person is recorded by the run that first finds it; runs that find it again unchanged count it as
/// repeated and write nothing for it, and a warning that went away and came back is recorded again.
/// </summary>
public abstract class StandingWarningTests
{
    protected abstract string? Provider { get; }

    [Fact]
    public async Task WarningRecordedOnce_RepeatedRunsCountItAndWriteNothing_GoneAndBackIsRecordedAgain()
    {
        await using var s = await SyncScenario.ConnectedAsync(provider: Provider);
        var gabi = await s.HireAsync("Gabi", "Groß", email: "gabi@example.test", iban: "DE00 1234");
        await s.HireAsync("Jonas", "Wolf", email: "jonas@example.test", iban: SyncScenario.DefaultIban);

        var first = await s.SyncAsync();
        var rowsAfterFirst = await RowsAsync(s);
        var repeated = await s.SyncAsync();
        var rowsAfterRepeated = await RowsAsync(s);
        await s.PersonioAsync(HttpMethod.Put, $"/{gabi}/attributes/{SyncScenario.IbanKey}", new { value = SyncScenario.DefaultIban });
        var fixedRun = await s.SyncAsync();
        await s.PersonioAsync(HttpMethod.Put, $"/{gabi}/attributes/{SyncScenario.IbanKey}", new { value = "DE00 1234" });
        var back = await s.SyncAsync();

        Assert.Equal((1, 0), (first.Warnings, first.RepeatedWarnings));
        Assert.Equal("invalid_iban", Assert.Single(await s.StepsAsync(first.Id), st => st.Kind == StepKind.Warn).ReasonCode);
        Assert.Equal((RunState.Succeeded, 1, 1), (repeated.State, repeated.Warnings, repeated.RepeatedWarnings));
        Assert.Empty(await s.StepsAsync(repeated.Id));
        Assert.Equal(rowsAfterFirst with { Runs = rowsAfterFirst.Runs + 1 }, rowsAfterRepeated); // the run itself, nothing else
        Assert.Equal((0, 0, 1), (fixedRun.Warnings, fixedRun.RepeatedWarnings, fixedRun.Updated));
        Assert.Equal((1, 0), (back.Warnings, back.RepeatedWarnings));
        Assert.Single(await s.StepsAsync(back.Id), st => st.Kind == StepKind.Warn && st.ReasonCode == "invalid_iban");
        var standing = await s.App.WithDbAsync(db => db.StandingWarnings.AsNoTracking().ToListAsync());
        Assert.Equal([(gabi, "invalid_iban", back.Id)], standing.Select(w => (w.PersonioEmployeeId, w.ReasonCode, w.SinceRunId)));
    }

    [Fact]
    public async Task RepeatedWarnings_AreInTheRunResource_AndSaidOnTheRunPage()
    {
        await using var s = await SyncScenario.ConnectedAsync(provider: Provider);
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, Rollcall.Data.Companies.CompanyLanguage.En);
        await s.HireAsync("Gabi", "Groß", email: "gabi@example.test", iban: "DE00 1234");
        await s.SyncAsync();
        var run = await s.SyncAsync();

        var json = await (await s.Api.GetAsync($"/api/companies/{s.Company.Id}/personio/runs/{run.Id}")).ReadJsonAsync(HttpStatusCode.OK);
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var page = await browser.HtmlAsync($"/companies/{s.Company.Id}/runs/{run.Id}");

        Assert.Equal((1, 1), (json["warnings"]!.GetValue<int>(), json["repeatedWarnings"]!.GetValue<int>()));
        Assert.Contains("1 of the warnings were reported by earlier runs and still stand", WebUtility.HtmlDecode(page));
    }

    private static Task<Rows> RowsAsync(SyncScenario s) => s.App.WithDbAsync(async db => new Rows(
        await db.SyncRuns.CountAsync(), await db.SyncRunSteps.CountAsync(), await db.StandingWarnings.CountAsync(), await db.AuditEntries.CountAsync(),
        await db.OutboxMessages.CountAsync(), await db.PersonDecisions.CountAsync()));

    private sealed record Rows(int Runs, int Steps, int Standing, int Audit, int Messages, int Decisions);
}

public sealed class SqliteStandingWarningTests : StandingWarningTests
{
    protected override string? Provider => null;
}

public sealed class PostgresStandingWarningTests : StandingWarningTests
{
    protected override string? Provider => "Postgres";
}
