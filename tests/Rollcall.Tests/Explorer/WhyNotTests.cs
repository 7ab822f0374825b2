using System.Net;
using System.Net.Http.Json;
using Rollcall.Data.Directory;
using Rollcall.Tests.Infrastructure;
using static Rollcall.Tests.Explorer.ExplorerKit;

namespace Rollcall.Tests.Explorer;

/// <summary>
/// "Why is this person (not) a user?": after a real run the explorer answers for everyone in Personio with an
/// outcome, a stable reason code and the reason rendered in the caller's language, one case per reason of today.
/// </summary>
public sealed class WhyNotTests
{
    [Fact]
    public async Task EveryReasonOfToday_AnsweredWithOutcomeCodeAndText()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var handMade = await CreateUserAsync(s, "Hand", "Made", "hand@example.test");
        var active = await s.HireAsync("Anna", "Active", "anna@example.test");
        var external = await s.HireAsync("Xaver", "Extern", "xaver@example.test", type: "external");
        var inactive = await s.HireAsync("Ingo", "Inactive", "ingo@example.test");
        await s.PersonioAsync(HttpMethod.Post, $"/{inactive}/terminate", new { termination_date = s.Today(-1) });
        var onboarding = await s.HireAsync("Olga", "Onboarding", "olga@example.test", hireDate: s.Today(10));
        var leave = await s.HireAsync("Lea", "Leave", "lea@example.test");
        await s.PersonioAsync(HttpMethod.Post, $"/{leave}/leave");
        var noEmail = await s.HireAsync("Nina", "Nomail", "");
        var twinA = await s.HireAsync("Twin", "One", "twin@example.test");
        var twinB = await s.HireAsync("Twin", "Two", "TWIN@example.test");
        var invalid = await s.HireAsync("Hans", "Hase", "hans(at)example.test");
        var untyped = await s.HireAsync("Uwe", "Untyped", "uwe@example.test");
        await s.PersonioAsync(HttpMethod.Patch, $"/{untyped}", new { employment_type = "unspecified" });
        var tooLong = await s.HireAsync("Lars", "Long", "lars@example.test", personnel: new string('7', 150));
        var linked = await s.HireAsync("Hand", "Made", "hand@example.test");

        var first = await s.SyncAsync();
        var lateHandMade = await CreateUserAsync(s, "Late", "Hand", "late@example.test");
        var taken = await s.HireAsync("Late", "Personio", "late@example.test");
        var second = await s.SyncAsync();
        var people = (await PeopleAsync(s)).ToDictionary(Id);

        Assert.Equal(13, people.Count);
        Assert.Equal(("user", "active"), Why(people[active]));
        Assert.Equal((await s.UserOfAsync(active)).Id.ToString(), Text(people[active], "userId"));
        Assert.Equal("Active and internal in Personio.", Text(people[active], "reason"));
        Assert.Equal(("notUser", "external"), Why(people[external]));
        Assert.Equal(("notUser", "inactive"), Why(people[inactive]));
        Assert.Equal(("notUser", "onboarding"), Why(people[onboarding]));
        Assert.Contains(s.Today(10), Text(people[onboarding], "reason"));
        Assert.Equal(("notUser", "leave"), Why(people[leave]));
        Assert.Equal(("skipped", "no_email"), Why(people[noEmail]));
        Assert.Equal(("skipped", "duplicate_email"), Why(people[twinA]));
        Assert.Equal(("skipped", "duplicate_email"), Why(people[twinB]));
        Assert.Contains($"{twinA}, {twinB}", Text(people[twinA], "reason"));
        Assert.Equal(("skipped", "invalid_email"), Why(people[invalid]));
        Assert.Equal(("skipped", "no_employment_type"), Why(people[untyped]));
        Assert.Equal(("user", "active"), Why(people[tooLong])); // value_too_long is a warning: the user is still created
        Assert.NotNull(people[tooLong]["userId"]);
        Assert.Equal(("user", "active"), Why(people[linked])); // the first sync links the hand-made user with the email
        Assert.Equal(handMade.ToString(), Text(people[linked], "userId"));
        Assert.Equal(("skipped", "email_taken"), Why(people[taken])); // after it, a hand-made user's email is taken
        Assert.Null(people[taken]["userId"]);
        Assert.Equal(second.Id.ToString(), Text(people[taken], "runId"));
        Assert.Equal(first.Id.ToString(), Text(people[active], "runId"));
        foreach (var person in people.Values.Where(p => Text(p, "outcome") != "user"))
        {
            Assert.Null(person["userId"]);
        }

        Assert.NotEqual(lateHandMade, Guid.Empty);
    }

    [Fact]
    public async Task Reason_RenderedByAcceptLanguage_GermanOrEnglish()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var external = await s.HireAsync("Xaver", "Extern", "xaver@example.test", type: "external");
        await s.SyncAsync();

        var english = await PersonAsync(s, external);
        var german = await PersonAsync(s, external, "de-DE");

        Assert.Equal(("external", "external"), (Text(english, "reasonCode"), Text(german, "reasonCode")));
        Assert.NotEqual(Text(english, "reason"), Text(german, "reason"));
        Assert.Contains("extern", Text(german, "reason"), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<Guid> CreateUserAsync(SyncScenario s, string first, string last, string email)
    {
        var created = await (await s.Api.PostAsJsonAsync($"/api/companies/{s.Company.Id}/users", new { firstName = first, lastName = last, email }))
            .ReadJsonAsync(HttpStatusCode.Created);
        return Guid.Parse(created["id"]!.GetValue<string>());
    }
}
