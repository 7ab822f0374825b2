using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Pages;

public sealed class RunDecisionPageTests
{
    [Fact]
    public async Task HeldRun_RejectOnThePage_NobodyDeactivatedAndThePageSaysWhoRejected()
    {
        await using var s = await SyncScenario.StartAsync();
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, CompanyLanguage.En);
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var ids = await s.StaffAsync(5, iban: null);
        var held = await s.HeldRunAsync(ids.Take(3));
        var footprint = await s.DirectoryFootprintAsync();
        var runPath = $"/companies/{s.Company.Id}/runs/{held.Id}";

        var reject = await browser.PostAsync(runPath, "Reject");
        var rejected = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == held.Id));
        var steps = await s.StepsAsync(held.Id);
        var users = await s.PersonioUsersAsync();
        var rejectionAudit = await s.App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .CountAsync(a => a.CompanyId == s.Company.Id && a.CauseName.Contains("reject")));
        var html = await browser.HtmlAsync(runPath);
        var again = await browser.PostAsync(runPath, "Reject");
        var approveAfter = await browser.PostAsync(runPath, "Approve");

        Assert.Equal((RunState.NeedsApproval, 3), (held.State, held.Held));
        Assert.Equal(HttpStatusCode.Redirect, reject.StatusCode);
        Assert.Equal(runPath, reject.Headers.Location!.OriginalString);
        Assert.Equal((RunState.Rejected, 0, 0), (rejected.State, rejected.Held, rejected.Deactivated));
        Assert.Equal(s.Company.AdminEmail, rejected.DecidedBy);
        Assert.NotNull(rejected.DecidedAt);
        Assert.Equal(5, users.Count);
        Assert.DoesNotContain(users, u => u.Status == UserStatus.Deactivated);
        var deactivations = steps.Where(st => st.Kind == StepKind.Deactivate).ToList();
        Assert.Equal(3, deactivations.Count);
        Assert.All(deactivations, st => Assert.Equal(StepStatus.Dropped, st.Status));
        // A rejection changes no user, so it writes no audit entry; the run record (DecidedBy, Reason) is its trail.
        Assert.Equal(footprint, await s.DirectoryFootprintAsync());
        Assert.Equal(0, rejectionAudit);
        Assert.Contains("badge-neutral state-rejected\">rejected<", html);
        Assert.Contains($"Rejected by {s.Company.AdminEmail}; the held deactivations were not applied.", html);
        Assert.DoesNotContain("Approve deactivations", html);
        Assert.DoesNotContain("Reject deactivations", html);
        Assert.Contains("dropped", html);
        foreach (var late in new[] { again, approveAfter })
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Contains("This run is not waiting for approval.", WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()));
        }

        Assert.Equal(RunState.Rejected, (await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == held.Id))).State);
        Assert.DoesNotContain(await s.PersonioUsersAsync(), u => u.Status == UserStatus.Deactivated);
    }
}
