using System.Net;
using MimeKit;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Hosting;

/// <summary>The README's first command, as a newcomer meets it: the demo verb of the real executable against the sandbox.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_ConnectsSyncsAndWritesInvitations_NewcomerLogsInSeesTheMailboxAndOpensALink()
    {
        await using var sandbox = SandboxServer.Start();
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-demo-").FullName;
        try
        {
            // Port 0: the demo prints where it listens. The test's HttpClient, unlike a browser, keeps no Secure cookie over http.
            await using var demo = RollcallProcess.Start(folder, "demo", "--sandbox", sandbox.BaseUrl.ToString(), "--employees", "30",
                "--urls", "http://127.0.0.1:0", "--Access:SecureCookies=false");

            var mailbox = await demo.WaitForLineAsync("mailbox", TimeSpan.FromMinutes(2));
            var open = demo.Lines.Single(l => l.StartsWith("Rollcall demo: open ", StringComparison.Ordinal));
            var url = open["Rollcall demo: open ".Length..^"/login".Length];
            Assert.Matches(@"^http://127\.0\.0\.1:\d+$", url);
            var firstSync = demo.Lines.Single(l => l.StartsWith("First sync: succeeded, 30 employees read, ", StringComparison.Ordinal));
            var created = int.Parse(firstSync.Split(", ")[2].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(created, 1, 30);
            Assert.Contains(demo.Lines, l => l.Trim() == "login     admin@demo.rollcall.example");
            Assert.Equal($"mailbox   {url}/mailbox ({created} invitations written to {Path.Combine(folder, "data", "mail")})", mailbox);
            var files = System.IO.Directory.GetFiles(Path.Combine(folder, "data", "mail"), "*.eml");
            Assert.Equal(created, files.Length);
            using var invitation = await MimeMessage.LoadAsync(files[0]);
            Assert.StartsWith("Your invitation to Rollcall Demo GmbH", invitation.Subject, StringComparison.Ordinal);

            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/mailbox")).StatusCode); // only for a signed-in account
            Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync("admin@demo.rollcall.example", "rollcall-demo-password")).StatusCode);
            var list = await browser.GetStringAsync("/mailbox");
            Assert.Contains($"{created} messages", list);
            var link = MailTesting.LinkIn(invitation);
            Assert.StartsWith("http://localhost:5000/invitation/", link, StringComparison.Ordinal); // Mail:PublicBaseUrl's default; scripts/demo sets its own
            var accept = await new HttpClient().GetAsync($"{url}/invitation/{MailTesting.TokenOf(link)}");
            Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
            Assert.Contains("Rollcall Demo GmbH", await accept.Content.ReadAsStringAsync());
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

}
