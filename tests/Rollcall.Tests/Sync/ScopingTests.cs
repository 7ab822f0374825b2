using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Reasons;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>
/// Who becomes a user, as each company sets it: one Personio account split into Rollcall companies by legal entity,
/// people moving between them, scope changes previewed before they are saved, externals by choice, and invitations
/// a set number of days before the hire date. Defaults are the first release's rules.
/// </summary>
public sealed class ScopingTests
{
    private static object Rules(string mode = "include", string[]? legalEntities = null, string[]? departments = null, bool externals = false,
        string leave = "keepUser", int? daysBeforeHire = null) => new
    {
        scope = new
        {
            legalEntities = new { mode, ids = legalEntities ?? [] },
            offices = new { mode = "include", ids = Array.Empty<string>() },
            departments = new { mode, ids = departments ?? [] },
        },
        importExternals = externals,
        leave,
        onboardingInviteDays = daysBeforeHire,
    };

    [Fact]
    public async Task TwoEntities_TwoCompanies_EachImportsItsOwn_AMoverLeavesOneAndJoinsTheOther()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var second = await s.App.CreateCompanyAsync("Acme Austria GmbH");
        var secondApi = s.App.ApiClient(second.ApiKey);
        await SyncScenario.AssertOkAsync(await secondApi.PutAsJsonAsync($"/api/companies/{second.Id}/personio/credentials",
            new { clientId = s.Personio.ClientId, clientSecret = s.Personio.Secret }));
        await SyncScenario.AssertOkAsync(await s.Api.PutAsJsonAsync($"{s.Base}/rules", Rules(legalEntities: ["7701"])));
        await SyncScenario.AssertOkAsync(await secondApi.PutAsJsonAsync($"/api/companies/{second.Id}/personio/rules", Rules(legalEntities: ["7702"])));
        var german = await s.HireAsync("Greta", "Deutsch", "greta@example.test");
        var austrian = await s.HireAsync("Alois", "Wiener", "alois@example.test");
        await s.PersonioAsync(HttpMethod.Patch, $"/{austrian}", new { legal_entity_id = 7702 });

        await s.SyncAsync();
        var secondRun = await SyncAsync(s, second.Id);
        var firstUsers = await PersonioEmailsAsync(s, s.Company.Id);
        var secondUsers = await PersonioEmailsAsync(s, second.Id);
        await s.PersonioAsync(HttpMethod.Patch, $"/{german}", new { legal_entity_id = 7702 });
        var leaving = await s.SyncAsync();
        var joining = await SyncAsync(s, second.Id);
        var deactivation = Assert.Single(await s.StepsAsync(leaving.Id), st => st.Kind == StepKind.Deactivate);

        Assert.Equal(RunState.Succeeded, secondRun.State);
        Assert.Equal(["greta@example.test"], firstUsers);
        Assert.Equal(["alois@example.test"], secondUsers);
        Assert.Equal((1, 1), (leaving.Deactivated, joining.Created));
        Assert.Equal(("out_of_scope", german), (deactivation.ReasonCode, deactivation.PersonioEmployeeId));
        Assert.Equal("out_of_scope.moved", deactivation.Reason!.Key);
        Assert.Contains("(7701) to ", deactivation.Reason.English());
        Assert.Equal(UserStatus.Deactivated, (await s.UserOfAsync(german)).Status);
        Assert.Equal(["alois@example.test", "greta@example.test"], await PersonioEmailsAsync(s, second.Id));
        Assert.Equal(2, await s.App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.CompanyId == second.Id && m.Kind == Rollcall.Data.Outbox.MessageKind.Invitation)));
    }

    [Fact]
    public async Task SupervisorOutOfScope_ManagerEmptyWithAWarning_ExplorerSaysWhyTheSupervisorIsNoUser()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        await SyncScenario.AssertOkAsync(await s.Api.PutAsJsonAsync($"{s.Base}/rules", Rules(legalEntities: ["7701"])));
        var boss = await s.HireAsync("Wilma", "Wien", "wilma@example.test");
        var report = await s.HireAsync("Rudi", "Report", "rudi@example.test");
        await s.PersonioAsync(HttpMethod.Patch, $"/{boss}", new { legal_entity_id = 7702 });
        await s.PersonioAsync(HttpMethod.Patch, $"/{report}", new { supervisor_id = boss });

        var run = await s.SyncAsync();
        var warning = Assert.Single(await s.StepsAsync(run.Id), st => st.Kind == StepKind.Warn);
        var why = await (await s.Api.GetAsync($"{s.Base}/people/{boss}")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, run.Created);
        Assert.Equal(("manager_not_user", report), (warning.ReasonCode, warning.PersonioEmployeeId));
        Assert.Null((await s.UserOfAsync(report)).ManagerId);
        Assert.Equal("out_of_scope", why["reasonCode"]!.GetValue<string>());
        Assert.Contains("(7702), outside this company's scope", why["reason"]!.GetValue<string>());
    }

    /// <summary>A scope by legal entity, and the credential stops reading legal entities: nobody is judged out of scope.</summary>
    [Fact]
    public async Task ScopedByLegalEntity_AttributeNoLongerReadable_NobodyDeactivatedNobodyCreated()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(3);
        await using var _ = s;
        await SyncScenario.AssertOkAsync(await s.Api.PutAsJsonAsync($"{s.Base}/rules", Rules(legalEntities: ["7701"])));
        await s.Sandbox.SendAsync(HttpMethod.Delete, $"/_sandbox/credentials/{s.Personio.ClientId}/readable-attributes/subcompany");
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[0]}", new { legal_entity_id = 7702 });
        var newcomer = await s.HireAsync("Nora", "Neu", "nora@example.test");

        var run = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 0, 0), (run.State, run.Deactivated, run.Created));
        Assert.All(await s.PersonioUsersAsync(), u => Assert.NotEqual(UserStatus.Deactivated, u.Status));
        Assert.Equal(4, (await s.StepsAsync(run.Id)).Count(st => st.ReasonCode == "scope_unknown"));
        Assert.DoesNotContain(await s.PersonioUsersAsync(), u => u.PersonioEmployeeId == newcomer);
    }

    /// <summary>v2, and the account has not booked legal entities (412 on their names): the scope still works by id.</summary>
    [Fact]
    public async Task V2WithoutTheLegalEntitiesFeature_ScopeByIdStillHolds_NobodyWronglyDeactivated()
    {
        await using var s = await SyncScenario.ConnectedAsync(new Dictionary<string, string?> { ["Personio:FullReadPath"] = "V2" });
        await s.Sandbox.SendAsync(HttpMethod.Put, $"/_sandbox/companies/{s.Personio.Id}/legal-entities-feature", new { enabled = false });
        await SyncScenario.AssertOkAsync(await s.Api.PutAsJsonAsync($"{s.Base}/rules", Rules(legalEntities: ["7701"])));
        var inside = await s.HireAsync("Ina", "Innen", "ina@example.test");
        var outside = await s.HireAsync("Otto", "Aussen", "otto@example.test");
        await s.PersonioAsync(HttpMethod.Patch, $"/{outside}", new { legal_entity_id = 7702 });

        var first = await s.SyncAsync();
        var second = await s.SyncAsync();
        var user = await s.UserOfAsync(inside);

        Assert.Equal((RunState.Succeeded, 1), (first.State, first.Created));
        Assert.Equal(("7701", null), (user.LegalEntityId, user.LegalEntityName));
        Assert.Equal((0, 0, 0), (second.Created, second.Deactivated, second.Updated));
        Assert.DoesNotContain(await s.PersonioUsersAsync(), u => u.PersonioEmployeeId == outside);
    }

    [Fact]
    public async Task ScopeChange_PreviewedFirstChangingNothing_SavedThenGuardedOnTheNextRun()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(10);
        await using var _ = s;
        foreach (var id in ids.Take(4))
        {
            await s.PersonioAsync(HttpMethod.Patch, $"/{id}", new { department_id = 2803 });
        }

        await s.SyncAsync();
        var narrower = Rules(departments: ["2801"]);

        var queued = await s.Api.PostAsJsonAsync($"{s.Base}/rules/preview", narrower);
        var preview = await WaitForRunAsync(s, (await queued.ReadJsonAsync(HttpStatusCode.Accepted))["id"]!.GetValue<string>());
        var previewSteps = await s.StepsAsync(Guid.Parse(preview["id"]!.GetValue<string>()));
        var rulesBefore = await (await s.Api.GetAsync($"{s.Base}/rules")).ReadJsonAsync(HttpStatusCode.OK);
        var usersAfterPreview = await s.PersonioUsersAsync();
        await SyncScenario.AssertOkAsync(await s.Api.PutAsJsonAsync($"{s.Base}/rules", narrower));
        var applied = await s.SyncAsync();

        Assert.Equal("previewed", preview["state"]!.GetValue<string>());
        Assert.Equal(4, previewSteps.Count(st => st.Kind == StepKind.Deactivate && st.ReasonCode == "out_of_scope"));
        Assert.Empty(rulesBefore["scope"]!["departments"]!["ids"]!.AsArray());
        Assert.All(usersAfterPreview, u => Assert.NotEqual(UserStatus.Deactivated, u.Status));
        Assert.Equal((RunState.NeedsApproval, 4, 0), (applied.State, applied.Held, applied.Deactivated)); // 4 of 10 trips the guard
    }

    [Fact]
    public async Task Externals_OnlyWhenTheCompanyImportsThem_AsUsersOfTypeExternal()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var contractor = await s.HireAsync("Xaver", "Extern", "xaver@example.test", type: "external");

        var without = await s.SyncAsync();
        await SyncScenario.AssertOkAsync(await s.Api.PutAsJsonAsync($"{s.Base}/rules", Rules(externals: true)));
        var with = await s.SyncAsync();
        var user = await s.UserOfAsync(contractor);

        Assert.Equal(0, without.Created);
        Assert.Equal(1, with.Created);
        Assert.Equal((EmploymentType.External, UserStatus.Invited), (user.EmploymentType, user.Status));
        Assert.Equal("active.external", Assert.Single(await s.StepsAsync(with.Id)).Reason!.Key);
    }

    [Fact]
    public async Task Onboarding_InvitedTheSetNumberOfDaysBeforeTheHireDate_ByTheCompanysDate()
    {
        // Rollcall and the sandbox on one pinned clock: 22:30 UTC is already the next day in Berlin.
        await using var s = await SyncScenario.StartAsync(start: new DateTimeOffset(2026, 6, 14, 22, 30, 0, TimeSpan.Zero), rollcallOnTheSameClock: true);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await SyncScenario.AssertOkAsync(await s.Api.PutAsJsonAsync($"{s.Base}/rules", Rules(daysBeforeHire: 7)));
        var starter = await s.HireAsync("Nina", "Neu", "nina@example.test", hireDate: s.Today(8));

        var eightDaysBefore = await s.SyncAsync();
        s.Clock.Advance(TimeSpan.FromDays(1));
        var sevenDaysBefore = await s.SyncAsync();
        var created = Assert.Single(await s.StepsAsync(sevenDaysBefore.Id));

        Assert.Equal("2026-06-23", s.Today(8 - 1));
        Assert.Equal(0, eightDaysBefore.Created);
        Assert.Equal(1, sevenDaysBefore.Created);
        Assert.Equal((StepKind.Create, "onboarding"), (created.Kind, created.ReasonCode));
        Assert.Equal("Onboarding in Personio, starting 2026-06-23; invited 7 days or less before the hire date, as this company's rules say.", created.Reason!.English());
        Assert.Equal(UserStatus.Invited, (await s.UserOfAsync(starter)).Status);
    }

    [Fact]
    public async Task Rules_InvalidInput_ClearProblems_NothingSaved()
    {
        await using var s = await SyncScenario.ConnectedAsync();

        var days = await s.Api.PutAsJsonAsync($"{s.Base}/rules", Rules(daysBeforeHire: 400));
        var blank = await s.Api.PutAsJsonAsync($"{s.Base}/rules", Rules(legalEntities: [" "]));
        var shape = await s.Api.PutAsJsonAsync($"{s.Base}/rules", new { importExternals = true });
        var rules = await (await s.Api.GetAsync($"{s.Base}/rules")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("invalid_rules", await days.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("invalid_rules", await blank.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("invalid_rules", await shape.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.False(rules["importExternals"]!.GetValue<bool>());
        Assert.Null(rules["onboardingInviteDays"]);
    }

    private static async Task<SyncRun> SyncAsync(SyncScenario s, Guid companyId)
    {
        await using var scope = s.App.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<Rollcall.Sync.SyncEngine>().RunAsync(companyId, SyncTrigger.Manual, false, null, CancellationToken.None);
        Assert.True(outcome.Value is not null, outcome.Problem?.Detail);
        return outcome.Value!;
    }

    private static Task<List<string>> PersonioEmailsAsync(SyncScenario s, Guid companyId) => s.App.WithDbAsync(db => db.DirectoryUsers
        .Where(u => u.CompanyId == companyId && u.Source == UserSource.Personio && u.Status != UserStatus.Deactivated)
        .OrderBy(u => u.Email).Select(u => u.Email).ToListAsync());

    private static async Task<JsonNode> WaitForRunAsync(SyncScenario s, string runId)
    {
        for (var i = 0; i < 200; i++)
        {
            var run = await (await s.Api.GetAsync($"{s.Base}/runs/{runId}")).ReadJsonAsync(HttpStatusCode.OK);
            if (run["state"]!.GetValue<string>() != "running")
            {
                return run;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Run {runId} did not finish.");
    }
}
