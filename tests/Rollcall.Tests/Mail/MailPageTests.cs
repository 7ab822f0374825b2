using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Companies;
using Rollcall.Data.Outbox;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.Mail;

/// <summary>The admin's mail page: failed messages with their last error and a retry, held ones to release, the rails.</summary>
public sealed class MailPageTests
{
    [Fact]
    public async Task FailedMessage_ShownWithItsLastError_RetryFromThePageDelivers()
    {
        await using var smtp = SmtpSink.Start();
        smtp.Refused["lena@example.test"] = true;
        await using var app = RollcallApp.Start(settings: smtp.Settings());
        var company = await app.CreateCompanyAsync();
        await PageKit.SetLanguageAsync(app, company.Id, CompanyLanguage.En);
        await MailTesting.CreateUsersAsync(app.ApiClient(company.ApiKey), company.Id, "lena@example.test");
        await MailTesting.DispatchAsync(app);
        var admin = await PageKit.LoggedInAsync(app, company.AdminEmail);
        var path = $"/companies/{company.Id}/mail";

        var html = await admin.HtmlAsync(path + "?filter=failed");
        Assert.Contains("SMTP server answered 550 to the recipient.", html);
        Assert.Contains("lena@example.test", html);
        Assert.Contains("handler=Retry", html);

        smtp.Refused.Clear();
        var messageId = await app.WithDbAsync(db => db.OutboxMessages.Select(m => m.Id).SingleAsync());
        var retried = await admin.PostAsync(path, "Retry", new Dictionary<string, string> { ["messageId"] = messageId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        await MailTesting.DispatchAsync(app);

        Assert.Equal("lena@example.test", MailTesting.To(Assert.Single(smtp.Messages)));
        Assert.DoesNotContain("handler=Retry", await admin.HtmlAsync(path));
    }

    [Fact]
    public async Task Rails_SavedFromThePage_HeldInvitationReleasedFromThePage()
    {
        await using var smtp = SmtpSink.Start();
        await using var app = RollcallApp.Start(settings: smtp.Settings());
        var company = await app.CreateCompanyAsync();
        var admin = await PageKit.LoggedInAsync(app, company.AdminEmail);
        var path = $"/companies/{company.Id}/mail";

        var invalid = await admin.PostAsync(path, "Settings", new Dictionary<string, string> { ["AllowedDomains"] = "acme.de, nope", ["InvitationCapPerRun"] = "50" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var saved = await admin.PostAsync(path, "Settings", new Dictionary<string, string> { ["AllowedDomains"] = "acme.de", ["InvitationCapPerRun"] = "50" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == company.Id));
        Assert.Equal(("acme.de", false, 50), (stored.InvitationDomains, stored.InvitationTestMode, stored.InvitationCapPerRun));

        await MailTesting.CreateUsersAsync(app.ApiClient(company.ApiKey), company.Id, "lena@example.test");
        await MailTesting.DispatchAsync(app);
        Assert.Empty(smtp.Messages);
        var messageId = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Held).Select(m => m.Id).SingleAsync());
        Assert.Contains("handler=Release", await admin.HtmlAsync(path + "?filter=held"));

        var released = await admin.PostAsync(path, "Release", new Dictionary<string, string> { ["messageId"] = messageId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        await MailTesting.DispatchAsync(app);
        Assert.Equal("lena@example.test", MailTesting.To(Assert.Single(smtp.Messages)));
        Assert.Equal(MessageState.Sent, await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == messageId).Select(m => m.State).SingleAsync()));
    }
}
