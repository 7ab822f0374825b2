using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Sync;
using Rollcall.Reasons;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>One company's failing Personio credential fails its own runs only: another company syncs on meanwhile.</summary>
public sealed class CredentialIsolationTests
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Sync_CompanyAsCredentialAnswering500UntilItsCircuitOpens_CompanyBSyncsMeanwhile_AndALaterRunOfARecovers()
    {
        await using var a = await SyncScenario.ConnectedAsync(new Dictionary<string, string?>
        {
            ["Personio:MaxRetries"] = "1",
            ["Personio:CircuitMinimumThroughput"] = "4",
            ["Personio:CircuitBreakDuration"] = "00:00:02",
        });
        await a.HireManyAsync(3);
        var b = await ConnectSecondCompanyAsync(a, people: 3);
        await a.Sandbox.ArmFaultAsync("server_error", path: "/v1/*", times: 0, clientId: a.Personio.ClientId);

        // A fails run after run until its circuit opens, while B syncs at the same time.
        var failingA = Task.Run(async () =>
        {
            var runs = new List<SyncRun>();
            while (runs.Count < 10 && runs.LastOrDefault()?.Reason?.English().Contains("failed repeatedly for this credential", StringComparison.Ordinal) != true)
            {
                runs.Add(await RunAsync(a, a.Company.Id));
            }

            return runs;
        }, TestContext.Current.CancellationToken);
        var bMeanwhile = await RunAsync(a, b);
        var aRuns = await failingA;
        // A's circuit is open now; B's next run must not notice.
        var bWhileAIsOpen = await RunAsync(a, b);
        var aWhileOpen = await RunAsync(a, a.Company.Id);
        await a.Sandbox.ClearFaultsAsync();
        await Task.Delay(BreakDuration + TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        var aRecovered = await RunAsync(a, a.Company.Id);

        Assert.All(aRuns, r => Assert.Equal((RunState.Failed, "personio_failed"), (r.State, r.Reason?.Key)));
        Assert.Contains("Personio answered 500", aRuns[0].Reason!.English());
        Assert.Contains("failed repeatedly for this credential", aRuns[^1].Reason!.English());
        Assert.True(bMeanwhile.State == RunState.Succeeded, bMeanwhile.Reason?.English());
        Assert.Equal(3, bMeanwhile.Created);
        Assert.True(bWhileAIsOpen.State == RunState.Succeeded, bWhileAIsOpen.Reason?.English());
        Assert.Contains("failed repeatedly for this credential", aWhileOpen.Reason!.English());
        Assert.True(aRecovered.State == RunState.Succeeded, aRecovered.Reason?.English());
        Assert.Equal(3, aRecovered.Created);
    }

    /// <summary>A second company in the same Rollcall, connected with its own credential to its own Personio company of <paramref name="people"/> hires.</summary>
    private static async Task<Guid> ConnectSecondCompanyAsync(SyncScenario scenario, int people)
    {
        var company = await scenario.App.CreateCompanyAsync("Beta GmbH");
        var personio = await scenario.Sandbox.CreateCompanyAsync(0, seed: 11);
        for (var i = 1; i <= people; i++)
        {
            await scenario.Sandbox.PostAsync($"/_sandbox/companies/{personio.Id}/employees",
                new { first_name = $"Beta{i}", last_name = "Person", email = $"beta{i}@example.test", employment_type = "internal" });
        }

        var connected = await scenario.App.ApiClient(company.ApiKey).PutAsJsonAsync($"/api/companies/{company.Id}/personio/credentials",
            new { clientId = personio.ClientId, clientSecret = personio.Secret }, TestContext.Current.CancellationToken);
        await SyncScenario.AssertOkAsync(connected);
        return company.Id;
    }

    private static async Task<SyncRun> RunAsync(SyncScenario scenario, Guid companyId)
    {
        await using var scope = scenario.App.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<SyncEngine>().RunAsync(companyId, SyncTrigger.Manual, false, null, CancellationToken.None);
        Assert.True(outcome.Value is not null, outcome.Problem?.Detail);
        return outcome.Value!;
    }
}
