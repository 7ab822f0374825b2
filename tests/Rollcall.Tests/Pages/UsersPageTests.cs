using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Pages;

public sealed class UsersPageTests
{
    private const string Iban = "DE89370400440532013000";

    [Fact]
    public async Task UsersList_AfterASync_ShowsMaskedIbansOnly()
    {
        await using var s = await SyncScenario.StartAsync();
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, CompanyLanguage.En);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Lena", "Lang", "lena@example.test", iban: Iban);
        await s.SyncAsync();
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var lena = (await s.PersonioUsersAsync()).Single();

        var list = await browser.HtmlAsync($"/companies/{s.Company.Id}/users");
        var filtered = await browser.HtmlAsync($"/companies/{s.Company.Id}/users?source=manual");
        var searched = await browser.HtmlAsync($"/companies/{s.Company.Id}/users?search=lena&status=invited&source=personio");
        var detail = await browser.HtmlAsync($"/companies/{s.Company.Id}/users/{lena.Id}");

        Assert.Contains("lena@example.test", list);
        Assert.Contains("DE89 •••• •••• •••• 3000", list);
        Assert.Contains($"/companies/{s.Company.Id}/users/{lena.Id}", list);
        Assert.DoesNotContain("lena@example.test", filtered);
        Assert.Contains("lena@example.test", searched);
        Assert.Contains("DE89 •••• •••• •••• 3000", detail);
        Assert.Contains("user.created", detail); // audit history
        foreach (var html in new[] { list, searched, detail })
        {
            Assert.DoesNotContain(Iban, html);
            Assert.DoesNotContain("DE89 3704 0044 0532 0130 00", html);
        }
    }

    [Fact]
    public async Task UserDetail_HandMadeUser_DeactivateReactivate_ProblemShown()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        await PageKit.SetLanguageAsync(app, company.Id, CompanyLanguage.En);
        var member = await app.AddUserWithLoginAsync(company.Id, UserRole.Member);
        var browser = await PageKit.LoggedInAsync(app, company.AdminEmail);
        var path = $"/companies/{company.Id}/users/{member.UserId}";
        var self = await app.WithDbAsync(db => db.DirectoryUsers.Where(u => u.CompanyId == company.Id && u.AccountId == company.AdminAccountId).Select(u => u.Id).SingleAsync());

        var deactivate = await browser.PostAsync(path, "Deactivate");
        var afterDeactivate = await browser.HtmlAsync(path);
        var reactivate = await browser.PostAsync(path, "Reactivate");
        var status = await app.WithDbAsync(db => db.DirectoryUsers.Where(u => u.Id == member.UserId).Select(u => u.Status).SingleAsync());
        var selfDeactivate = await browser.PostAsync($"/companies/{company.Id}/users/{self}", "Deactivate");

        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        Assert.Contains("Reactivate", afterDeactivate);
        Assert.Contains(">deactivated</span>", afterDeactivate);
        Assert.Equal(HttpStatusCode.Redirect, reactivate.StatusCode);
        Assert.Equal(UserStatus.Invited, status); // never accepted an invitation, so back to invited
        Assert.Equal(HttpStatusCode.Conflict, selfDeactivate.StatusCode);
        Assert.Contains("Admins cannot deactivate themselves.", await selfDeactivate.Content.ReadAsStringAsync());
        await browser.HtmlAsync($"/companies/{company.Id}/users/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }
}
