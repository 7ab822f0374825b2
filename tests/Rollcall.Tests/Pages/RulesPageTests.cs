using System.Net;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Pages;

/// <summary>Integrations > Personio > Who becomes a user: the rules previewed as a dry run, then saved from the preview.</summary>
public sealed class RulesPageTests
{
    [Fact]
    public async Task ScopeNarrowed_PreviewShowsTheDeactivations_SavedFromThePreview_GermanPage()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(4);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[0]}", new { department_id = 2803 });
        await s.SyncAsync();
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var path = $"/companies/{s.Company.Id}/integrations/personio/rules";

        var page = await browser.HtmlAsync(path);
        var queued = await browser.PostAsync(path, "Preview", new Dictionary<string, string>
        {
            ["Form.LegalEntityMode"] = "Include", ["Form.OfficeMode"] = "Include", ["Form.DepartmentMode"] = "Exclude", ["Form.DepartmentIds"] = "2803",
            ["Form.Leave"] = "KeepUser", ["Form.OnboardingInviteDays"] = "",
        });
        var preview = await PageKit.FinishedRunAsync(s.App, PageKit.RunIdOf(queued));
        var runPage = WebUtility.HtmlDecode(await browser.HtmlAsync($"/companies/{s.Company.Id}/runs/{preview.Id}"));
        var before = await s.App.WithDbAsync(db => Task.FromResult(db.PersonioIntegrations.Single(i => i.CompanyId == s.Company.Id).Rules));
        var saved = await browser.PostAsync(path, $"SaveProposed&runId={preview.Id}");
        var after = await s.App.WithDbAsync(db => Task.FromResult(db.PersonioIntegrations.Single(i => i.CompanyId == s.Company.Id).Rules));
        var applied = await s.SyncAsync();

        Assert.Contains("<h1>Wer Benutzer wird</h1>", page);
        Assert.Contains("Abteilungen", page);
        Assert.Equal((RunState.Previewed, 1), (preview.State, (await s.StepsAsync(preview.Id)).Count(st => st.ReasonCode == "out_of_scope")));
        Assert.Contains("Diese Vorschau entscheidet nach Regeln, die noch nicht gespeichert sind.", runPage);
        Assert.Contains("außerhalb des Umfangs dieser Firma", runPage);
        Assert.Equal(ImportRules.Default, before);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal((ScopeMode.Exclude, "2803"), (after.Scope.Departments.Mode, string.Join(",", after.Scope.Departments.Ids)));
        Assert.Equal(1, applied.Deactivated);
    }

    [Fact]
    public async Task InvalidDays_ProblemShownNothingSaved()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var path = $"/companies/{s.Company.Id}/integrations/personio/rules";

        var response = await browser.PostAsync(path, "Save", new Dictionary<string, string> { ["Form.OnboardingInviteDays"] = "999" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("onboardingInviteDays muss 0 bis 365 sein", html);
        Assert.Null(await s.App.WithDbAsync(db => Task.FromResult(db.PersonioIntegrations.Single(i => i.CompanyId == s.Company.Id).OnboardingInviteDays)));
    }
}
