using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Webhooks;

/// <summary>
/// <c>POST /hooks/personio/{companyId}</c> over HTTP, on SQLite and on PostgreSQL: what is recorded in the inbox, what is
/// refused, and that a refusal says nothing about which company ids exist.
/// </summary>
public abstract class WebhookReceiverTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private async Task<RollcallApp> StartAsync(bool captureLogs = false, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        RollcallApp.Start(await CreateDatabaseAsync(), settings, captureLogs: captureLogs, clock: clock);

    [Fact]
    public async Task Delivery_RightToken_AcceptedAsOneInboxRow_LastEventSet()
    {
        await using var app = await StartAsync();
        using var metrics = new MetricsCapture(app);
        var company = await app.CreateCompanyAsync();
        var token = await WebhookKit.IssueTokenAsync(app, company);

        var person = await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), token, WebhookKit.Envelope("person.updated", 40417));
        var employment = await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), token, WebhookKit.Envelope("employment.updated", 900, personId: 40417));
        var inbox = await WebhookKit.InboxAsync(app, company.Id);
        var status = await (await app.ApiClient(company.ApiKey).GetAsync($"/api/companies/{company.Id}/personio/webhook")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Accepted, person.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, employment.StatusCode);
        Assert.Collection(inbox,
            e => Assert.Equal(("person.updated", (long?)40417, (string?)null), (e.EventName, e.PersonId, e.EmploymentId)),
            e => Assert.Equal(("employment.updated", (long?)40417, (string?)"900"), (e.EventName, e.PersonId, e.EmploymentId)));
        Assert.All(inbox, e => Assert.Null(e.ProcessedAt));
        Assert.Equal(new DateTime(2026, 6, 15, 10, 0, 0, DateTimeKind.Utc), inbox[0].OccurredAt);
        Assert.Equal(64, inbox[0].Fingerprint.Length);
        Assert.NotNull(status["lastEventAt"]);
        Assert.Equal("manual", status["state"]!.GetValue<string>());
        Assert.Equal($"http://localhost:5000/hooks/personio/{company.Id}", status["receiverUrl"]!.GetValue<string>());
        Assert.Equal(2, metrics.Sum("rollcall.webhooks.deliveries", ("outcome", "accepted")));
    }

    [Fact]
    public async Task Delivery_SameBodyTwice_OneRow_ADifferentBodyAnother()
    {
        await using var app = await StartAsync();
        using var metrics = new MetricsCapture(app);
        var company = await app.CreateCompanyAsync();
        var token = await WebhookKit.IssueTokenAsync(app, company);
        var body = WebhookKit.Envelope("person.created", 7);

        var first = await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), token, body);
        var replay = await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), token, body);
        var later = await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), token, WebhookKit.Envelope("person.created", 7, occurredAt: "2026-06-15T10:05:00Z"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
        Assert.Equal(2, (await WebhookKit.InboxAsync(app, company.Id)).Count);
        Assert.Equal(1, metrics.Sum("rollcall.webhooks.deliveries", ("outcome", "duplicate")));
    }

    [Fact]
    public async Task Delivery_WrongOrMissingToken_401_NothingRecorded_NoTokenInTheLogs()
    {
        await using var app = await StartAsync(captureLogs: true);
        var company = await app.CreateCompanyAsync();
        var token = await WebhookKit.IssueTokenAsync(app, company);
        var body = WebhookKit.Envelope("person.updated", 40417);
        var bare = token["Bearer ".Length..];
        var wrong = "Bearer " + new string('x', bare.Length);

        var answers = new[]
        {
            await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), wrong, body),
            await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), null, body),
            await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), bare, body),
            await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), "bearer " + bare, body),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Empty(await WebhookKit.InboxAsync(app, company.Id));
        var logged = string.Join("\n", app.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception));
        Assert.NotEmpty(logged);
        Assert.DoesNotContain(bare, logged);
        Assert.DoesNotContain(new string('x', bare.Length), logged);
        Assert.DoesNotContain("40417", logged);
    }

    [Fact]
    public async Task Delivery_UnknownCompanyOrNoToken_ExactlyTheAnswerToAWrongToken()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();
        var tokenless = await app.CreateCompanyAsync("Globex");
        var token = await WebhookKit.IssueTokenAsync(app, company);
        var body = WebhookKit.Envelope("person.updated", 1);

        var wrongToken = await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), "Bearer wrong", body);
        var unknown = await WebhookKit.DeliverAsync(app.ApiClient(null), Guid.NewGuid().ToString(), token, body);
        var noToken = await WebhookKit.DeliverAsync(app.ApiClient(null), tokenless.Id.ToString(), token, body);
        var notAnId = await WebhookKit.DeliverAsync(app.ApiClient(null), "not-a-company", token, body);
        var expected = await AnswerAsync(wrongToken);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(expected, await AnswerAsync(unknown));
        Assert.Equal(expected, await AnswerAsync(noToken));
        Assert.Equal(expected, await AnswerAsync(notAnId));
        Assert.Empty(await WebhookKit.InboxAsync(app, tokenless.Id));
    }

    private static async Task<string> AnswerAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {response.Content.Headers.ContentLength} {await response.Content.ReadAsStringAsync()}";

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"payload":{"id":"1"}}""")]
    [InlineData("""{"event_name":"person.updated"}""")]
    [InlineData("""{"event_name":"person.updated","payload":"1"}""")]
    [InlineData("""{"event_name":"person.updated","payload":{}}""")]
    [InlineData("""{"event_name":"employment.updated","payload":{"person_id":"1"}}""")]
    [InlineData("""{"event_name":"employment.updated","payload":{"id":{},"person_id":"1"}}""")]
    [InlineData("""{"event_name":"person.deleted","payload":{"id":-3}}""")]
    public async Task Delivery_Malformed_400Problem_NothingRecorded(string body)
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();
        var token = await WebhookKit.IssueTokenAsync(app, company);

        var response = await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), token, body);

        Assert.Equal("invalid_webhook", await response.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Empty(await WebhookKit.InboxAsync(app, company.Id));
    }

    [Fact]
    public async Task Delivery_EventRollcallDoesNotUse_2xx_NotRecorded()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();
        var token = await WebhookKit.IssueTokenAsync(app, company);

        var response = await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), token, WebhookKit.Envelope("absence_period.created", 5));

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Empty(await WebhookKit.InboxAsync(app, company.Id));
    }

    [Fact]
    public async Task Delivery_BodyOver64KiB_413_NothingRecorded()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();
        var token = await WebhookKit.IssueTokenAsync(app, company);
        var body = WebhookKit.Envelope("person.updated", 1)[..^1] + ",\"padding\":\"" + new string('a', 70 * 1024) + "\"}";

        var response = await WebhookKit.DeliverAsync(app.ApiClient(null), company.Id.ToString(), token, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await WebhookKit.InboxAsync(app, company.Id));
    }

    [Fact]
    public async Task RotatedToken_OldOneAcceptedDuringTheOverlap_RefusedAfter_RevokedRefusesBoth()
    {
        var clock = new FakeTimeProvider(SyncScenario.DefaultStart);
        await using var app = await StartAsync(clock: clock, settings: new Dictionary<string, string?> { ["Webhooks:TokenOverlap"] = "02:00:00" });
        var company = await app.CreateCompanyAsync();
        var old = await WebhookKit.IssueTokenAsync(app, company);
        var rotated = await WebhookKit.IssueTokenAsync(app, company);
        var client = app.ApiClient(null);
        var id = company.Id.ToString();

        var oldDuring = await WebhookKit.DeliverAsync(client, id, old, WebhookKit.Envelope("person.updated", 1));
        var status = await (await app.ApiClient(company.ApiKey).GetAsync($"/api/companies/{id}/personio/webhook")).ReadJsonAsync(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        var oldAfter = await WebhookKit.DeliverAsync(client, id, old, WebhookKit.Envelope("person.updated", 2));
        var newAfter = await WebhookKit.DeliverAsync(client, id, rotated, WebhookKit.Envelope("person.updated", 3));
        Assert.Equal(HttpStatusCode.NoContent, (await app.ApiClient(company.ApiKey).DeleteAsync($"/api/companies/{id}/personio/webhook/token")).StatusCode);
        var newRevoked = await WebhookKit.DeliverAsync(client, id, rotated, WebhookKit.Envelope("person.updated", 4));

        Assert.NotEqual(old, rotated);
        Assert.StartsWith("Bearer ", rotated);
        Assert.Equal(HttpStatusCode.Accepted, oldDuring.StatusCode);
        Assert.Equal(new DateTime(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc), status["previousTokenValidUntil"]!.GetValue<DateTime>());
        Assert.Equal(HttpStatusCode.Unauthorized, oldAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, newAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, newRevoked.StatusCode);
        Assert.Equal([1L, 3L], (await WebhookKit.InboxAsync(app, company.Id)).Select(e => e.PersonId!.Value));
    }

    [Fact]
    public async Task TokenApi_IssuedTokenNeverStoredOrShownAgain()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();

        var token = await WebhookKit.IssueTokenAsync(app, company);
        var status = await (await app.ApiClient(company.ApiKey).GetAsync($"/api/companies/{company.Id}/personio/webhook")).Content.ReadAsStringAsync();
        var stored = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.PersonioIntegrations, i => i.CompanyId == company.Id));

        Assert.Matches("^Bearer [A-Za-z0-9_-]{43}$", token);
        Assert.DoesNotContain(token["Bearer ".Length..], status);
        Assert.Equal(64, stored.WebhookTokenHash!.Length);
        Assert.DoesNotContain(token["Bearer ".Length..], stored.WebhookTokenHash);
        Assert.Null(stored.WebhookPreviousTokenHash);
    }
}

public sealed class SqliteWebhookReceiverTests : WebhookReceiverTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresWebhookReceiverTests : WebhookReceiverTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();

    /// <summary>Two nodes on one database receive the same delivery at the same time (Personio retrying while the first answer is under way).</summary>
    [Fact]
    public async Task TwoNodes_SameDeliveryAtOnce_ExactlyOneRow()
    {
        var database = await TestDatabase.PostgresAsync();
        await using var owner = new DatabaseOwner(database);
        await using var first = RollcallApp.Start(database, ownsDatabase: false);
        await using var second = RollcallApp.Start(database, ownsDatabase: false);
        var company = await first.CreateCompanyAsync();
        var token = await WebhookKit.IssueTokenAsync(first, company);
        var bodies = Enumerable.Range(1, 10).Select(n => WebhookKit.Envelope("employment.updated", 100 + n, personId: n)).ToList();

        var answers = await Task.WhenAll(bodies.SelectMany(body => Enumerable.Range(0, 6).Select(i =>
            WebhookKit.DeliverAsync((i % 2 == 0 ? first : second).ApiClient(null), company.Id.ToString(), token, body))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var inbox = await WebhookKit.InboxAsync(second, company.Id);
        Assert.Equal(Enumerable.Range(101, 10).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), inbox.Select(e => e.EmploymentId).Order());
    }

    private sealed class DatabaseOwner(TestDatabase database) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => database.DisposeAsync();
    }
}
