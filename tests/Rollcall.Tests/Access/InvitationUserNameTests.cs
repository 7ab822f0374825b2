using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Directory;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Access;

/// <summary>Email addresses with characters Identity's default user names refuse (apostrophe, plus tag) can accept and sign in.</summary>
public sealed class InvitationUserNameTests
{
    [Theory]
    [InlineData("o'brien@example.test")]
    [InlineData("anna+tag@example.test")]
    public async Task Accept_UnusualButValidEmail_ActiveAndCanSignIn(string email)
    {
        await using var smtp = SmtpSink.Start();
        await using var app = RollcallApp.Start(settings: smtp.Settings());
        await MailTesting.CompanyWithUsersAsync(app, email);
        await MailTesting.DispatchAsync(app);
        var path = $"/invitation/{MailTesting.TokenOf(MailTesting.LinkIn(smtp.Messages.Single()))}";

        var accepted = await app.BrowserClient().SubmitFormAsync(path, new Dictionary<string, string> { ["Password"] = RollcallApp.Password, ["ConfirmPassword"] = RollcallApp.Password });
        var login = await app.BrowserClient().LoginAsync(email, RollcallApp.Password);

        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var user = await app.WithDbAsync(db => db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal(UserStatus.Active, user.Status);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
    }
}
