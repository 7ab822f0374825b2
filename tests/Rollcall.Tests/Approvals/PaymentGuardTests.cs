using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Sync;
using Rollcall.PaymentData;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Approvals;

/// <summary>
/// The payment guard: a run that would move the IBANs or creditor numbers of more users than the company's threshold
/// (default: more than 5 users and more than 2 % of users) holds exactly those changes; every other change applies.
/// </summary>
public sealed class PaymentGuardTests
{
    internal const string NewIban = "GB82WEST12345698765432";

    [Fact]
    public async Task SixIbansChange_OnlyThePaymentChangesHeld_NameChangeOfTheSamePersonApplies()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(10, "Sqlite");
        await using var _ = s;
        await ChangeIbansAsync(s, ids.Take(6));
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[0]}", new { last_name = "Neuname" });

        var run = await s.SyncAsync();
        var steps = await s.StepsAsync(run.Id);
        var users = await s.PersonioUsersAsync();

        Assert.Equal((RunState.NeedsApproval, 6, "held.payment"), (run.State, run.Held, run.Reason!.Key));
        var held = steps.Where(st => st.Status == StepStatus.Held).ToList();
        Assert.Equal(6, held.Count);
        Assert.All(held, st => Assert.Equal((StepKind.Update, "payment_held", "iban"), (st.Kind, st.ReasonCode, Assert.Single(st.Changes).Field)));
        Assert.All(held, st => Assert.DoesNotContain(NewIban, st.Changes[0].After!.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.All(held, st => Assert.True(PaymentDataSeal.IsSealed(st.SealedValues)));
        Assert.All(held, st => Assert.DoesNotContain("WEST", st.SealedValues!, StringComparison.Ordinal));
        Assert.Equal("Neuname", users[0].LastName);
        Assert.All(users, u => Assert.Equal(SyncScenario.DefaultIban, s.App.Open(u.SealedIban)));
        Assert.Contains(steps, st => st is { Status: StepStatus.Applied, Kind: StepKind.Update } && st.Changes.Any(c => c.Field == "lastName"));
    }

    [Fact]
    public async Task FiveIbansChange_AtTheThreshold_NothingHeld_AppliedStepsKeepSealedBeforeAndAfter()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(10, "Sqlite");
        await using var _ = s;
        await ChangeIbansAsync(s, ids.Take(5));

        var run = await s.SyncAsync();
        var steps = await s.StepsAsync(run.Id);

        Assert.Equal((RunState.Succeeded, 0, 5), (run.State, run.Held, run.Updated));
        Assert.Equal(5, (await s.PersonioUsersAsync()).Count(u => s.App.Open(u.SealedIban) == NewIban));
        Assert.All(steps.Where(st => st.Kind == StepKind.Update), st => Assert.True(PaymentDataSeal.IsSealed(st.SealedValues)));
    }

    [Fact]
    public async Task Thresholds_EditableAndValidated_RaisedMinimumLetsSixThrough()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(10, "Sqlite");
        await using var _ = s;

        var invalid = await s.Api.PatchJsonAsync($"{s.Base}/settings", new { paymentGuardPercent = 101 });
        var negative = await s.Api.PatchJsonAsync($"{s.Base}/settings", new { paymentGuardMinimum = -1 });
        var saved = await (await s.Api.PatchJsonAsync($"{s.Base}/settings", new { paymentGuardMinimum = 6 })).ReadJsonAsync(HttpStatusCode.OK);
        await ChangeIbansAsync(s, ids.Take(6));
        var run = await s.SyncAsync();

        Assert.Equal("invalid_threshold", await invalid.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("invalid_threshold", await negative.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal((6, 2), (saved["paymentGuardMinimum"]!.GetValue<int>(), saved["paymentGuardPercent"]!.GetValue<int>()));
        Assert.Equal(RunState.Succeeded, run.State);
    }

    internal static async Task ChangeIbansAsync(SyncScenario s, IEnumerable<long> ids, string iban = NewIban)
    {
        foreach (var id in ids)
        {
            await s.PersonioAsync(HttpMethod.Put, $"/{id}/attributes/{SyncScenario.IbanKey}", new { value = iban });
        }
    }
}
