using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Rollcall.Data;
using Rollcall.Data.Outbox;
using Rollcall.Mail;

namespace Rollcall.Tests.Infrastructure;

/// <summary>Driving and reading Rollcall's mail in tests: one dispatcher pass, waiting for the scheduled one, links in messages.</summary>
public static partial class MailTesting
{
    /// <summary>One pass of the dispatcher, as the Quartz job runs it.</summary>
    internal static async Task<DispatchSummary> DispatchAsync(RollcallApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailDispatcher>().DispatchAsync(CancellationToken.None);
    }

    public static string To(MimeMessage message) => message.To.Mailboxes.Single().Address;

    /// <summary>The invitation link in a message's plain-text part.</summary>
    public static string LinkIn(MimeMessage message) =>
        InvitationLink().Match(message.TextBody ?? "") is { Success: true } match ? match.Value : throw new InvalidOperationException("No invitation link in the message.");

    public static string TokenOf(string link) => link[(link.LastIndexOf('/') + 1)..];

    public static async Task WaitUntilAsync(RollcallApp app, Func<RollcallDbContext, Task<bool>> condition, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await app.WithDbAsync(condition))
        {
            Assert.True(waited.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)), "The condition did not hold in time.");
            await Task.Delay(50);
        }
    }

    /// <summary>The outbox rows of a database no app is running on (a stopped node's), read through a short-lived app.</summary>
    public static async Task<List<OutboxMessage>> OutboxOfAsync(TestDatabase database)
    {
        await using var reader = RollcallApp.Start(database, ownsDatabase: false);
        return await reader.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
    }

    /// <summary>Hand-made users created through the API, each of whom gets an invitation queued.</summary>
    public static async Task<List<Guid>> CreateUsersAsync(HttpClient api, Guid companyId, params string[] emails)
    {
        var ids = new List<Guid>();
        foreach (var email in emails)
        {
            var created = await api.PostAsJsonAsync($"/api/companies/{companyId}/users", new { firstName = "Pat", lastName = email[..email.IndexOf('@')], email });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((await created.Content.ReadFromJsonAsync<IdOnly>())!.Id);
        }

        return ids;
    }

    /// <summary>A new company with these hand-made users (see <see cref="CreateUsersAsync"/>), each with an invitation queued.</summary>
    public static async Task<TestCompany> CompanyWithUsersAsync(RollcallApp app, params string[] emails)
    {
        var company = await app.CreateCompanyAsync();
        await CreateUsersAsync(app.ApiClient(company.ApiKey), company.Id, emails);
        return company;
    }

    private sealed record IdOnly(Guid Id);

    [GeneratedRegex(@"https?://\S+/invitation/[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();
}
