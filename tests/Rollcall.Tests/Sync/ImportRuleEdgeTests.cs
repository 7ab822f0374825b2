using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Reasons;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>Records the rules must not let through: an active employee without an employment type, values longer than a column.</summary>
public sealed class ImportRuleEdgeTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ActiveWithoutEmploymentType_SkippedWithAReasonAndAnExistingUserKeptAsIs(string provider)
    {
        await using var s = await SyncScenario.StartAsync(provider: provider);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var existing = await s.HireAsync("Ida", "Internal", email: "ida@example.test");
        await s.SyncAsync();
        var untyped = await s.HireAsync("Una", "Untyped", email: "una@example.test", type: "unspecified");
        await s.PersonioAsync(HttpMethod.Patch, $"/{existing}", new { employment_type = "unspecified", last_name = "Renamed" });

        var run = await s.SyncAsync();
        var steps = await s.StepsAsync(run.Id);
        var kept = await s.UserOfAsync(existing);

        Assert.Equal((RunState.Succeeded, 0, 0, 0), (run.State, run.Created, run.Updated, run.Deactivated));
        Assert.Equal(["no_employment_type", "no_employment_type"], steps.Where(st => st.Kind == StepKind.Skip).Select(st => st.ReasonCode));
        Assert.Contains(steps, st => st.PersonioEmployeeId == untyped && st.Reason!.English().Contains("without an employment type"));
        Assert.Equal((UserStatus.Invited, "Internal"), (kept.Status, kept.LastName)); // kept as is, master data included
        Assert.DoesNotContain(await s.PersonioUsersAsync(), u => u.PersonioEmployeeId == untyped);

        await s.PersonioAsync(HttpMethod.Patch, $"/{untyped}", new { employment_type = "internal" });
        Assert.Equal(1, (await s.SyncAsync()).Created); // once HR fills it in
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task OverlongValues_NamesStoredShortenedNumbersNotImportedAndTheRunCompletes(string provider)
    {
        await using var s = await SyncScenario.StartAsync(provider: provider);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var longFirst = new string('A', 299) + "ß";
        var longLast = string.Concat(Enumerable.Repeat("Müller-", 50));
        var id = await s.HireAsync(longFirst, longLast, email: "long@example.test", personnel: new string('7', 150));
        var plain = await s.HireAsync("Pia", "Plain", email: "pia@example.test");

        var first = await s.SyncAsync();
        var steps = await s.StepsAsync(first.Id);
        var user = await s.UserOfAsync(id);
        var before = await s.DirectoryFootprintAsync();
        var second = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 2), (first.State, first.Created));
        Assert.Equal((longFirst[..200], longLast[..200], null), (user.FirstName, user.LastName, s.App.Open(user.SealedPersonnelNumber)));
        Assert.Equal(2, steps.Count(st => st is { Kind: StepKind.Warn, ReasonCode: "value_shortened" }));
        Assert.Contains(steps, st => st is { Kind: StepKind.Warn, ReasonCode: "value_too_long" });
        Assert.All(steps, st => Assert.True(st.Subject!.Length <= SyncRunStep.SubjectLength));
        Assert.Equal(UserStatus.Invited, (await s.UserOfAsync(plain)).Status);
        Assert.Equal((RunState.Succeeded, 0), (second.State, second.Updated)); // shortened once, not "changed" every night
        Assert.Equal(before, await s.DirectoryFootprintAsync());
    }
}
