using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Personio;

/// <summary>
/// One credential's trouble stays its own: its circuit, its rate-limit queue and its quota; and the client waits as long
/// as Personio says (Retry-After as a date, X-RateLimit-Reset) instead of earning 429s.
/// </summary>
public sealed class PersonioIsolationTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Read_OneCredentialFailingUntilItsCircuitOpens_AnotherReadsOn_AndTheFirstRecoversAfterTheBreak()
    {
        await using var sandbox = SandboxServer.Start();
        var a = await sandbox.CreateCompanyAsync(150, seed: 1);
        var b = await sandbox.CreateCompanyAsync(150, seed: 2);
        // The client's clock is a test's: the circuit stays open until the test moves it past the break.
        var clock = new FakeTimeProvider(Start);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?>
        {
            ["Personio:MaxRetries"] = "0",
            ["Personio:CircuitMinimumThroughput"] = "4",
            ["Personio:CircuitBreakDuration"] = "00:00:30",
        }, clock);
        var credentialsA = new PersonioCredentials(a.ClientId, a.Secret);
        await sandbox.ArmFaultAsync("server_error", path: "/v1/company/employees*", times: 0, clientId: a.ClientId);

        var failures = new List<string>();
        while (failures.Count < 10 && failures.LastOrDefault()?.StartsWith("personio.circuit_open", StringComparison.Ordinal) != true)
        {
            failures.Add((await Assert.ThrowsAsync<PersonioException>(() => personio.ReadAllAsync(credentialsA))).Reason.Key);
        }

        var readB = await personio.ReadAllAsync(new PersonioCredentials(b.ClientId, b.Secret));
        var stillOpen = await Assert.ThrowsAsync<PersonioException>(() => personio.ReadAllAsync(credentialsA));
        await sandbox.ClearFaultsAsync();
        var beforeTheBreakEnds = await Assert.ThrowsAsync<PersonioException>(() => personio.ReadAllAsync(credentialsA));
        clock.Advance(TimeSpan.FromSeconds(31));
        var readA = await personio.ReadAllAsync(credentialsA);

        Assert.StartsWith("personio.server_error", failures[0]);
        Assert.StartsWith("personio.circuit_open", failures[^1]);
        Assert.Equal(150, readB.Count);
        Assert.Equal((PersonioFailure.Unavailable, "personio.circuit_open_on_page"), (stillOpen.Failure, stillOpen.Reason.Key));
        Assert.Equal("personio.circuit_open_on_page", beforeTheBreakEnds.Reason.Key);
        Assert.Equal(150, readA.Count);
    }

    [Fact]
    public async Task Read_429WithRetryAfterAsAnHttpDate_TheRetryWaitsUntilThatDate()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(150);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, null, clock);
        await sandbox.ArmFaultAsync("rate_limited", page: 0, retryAfterSeconds: 40, retryAfterAsDate: true);

        var read = personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret));
        await UntilAsync(() => personio.Log.Requests.Any(r => r.Status == 429));
        // Personio's usual wait after a 429 is a second; this one said 40 (as a date, against the answer's own Date).
        // The clock moves a second at a time: the retry's timer may be set a moment after the 429 is logged, and a clock
        // moved past the date before that would leave the retry waiting for good.
        var waited = await AdvanceUntilAsync(clock, () => personio.Log.Count("/v1/company/employees") > 1);
        var employees = await read.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.InRange(waited, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(50));
        Assert.Equal(150, employees.Count);
        Assert.Equal(1, personio.Log.Requests.Count(r => r.Status == 429));
    }

    [Fact]
    public async Task Read_RateLimitHeadersSayTheQuotaIsSpent_NextRequestWaitsForTheResetInsteadOfEarning429()
    {
        var clock = new FakeTimeProvider(Start);
        await using var sandbox = SandboxServer.Start(new Dictionary<string, string?>
        {
            ["Sandbox:RateLimits:Enabled"] = "true",
            ["Sandbox:RateLimits:SendRateLimitHeaders"] = "true",
            ["Sandbox:RateLimits:V1EmployeesPerMinute"] = "2",
        }, clock);
        var company = await sandbox.CreateCompanyAsync(250);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, null, clock);

        var read = personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret));
        await UntilAsync(() => personio.Log.Count("/v1/company/employees") == 2);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var whileSpent = personio.Log.Count("/v1/company/employees");
        clock.Advance(TimeSpan.FromSeconds(61));
        var employees = await read;

        Assert.Equal(2, whileSpent);
        Assert.Equal(250, employees.Count);
        Assert.DoesNotContain(personio.Log.Requests, r => r.Status == 429);
    }

    [Fact]
    public async Task RateLimits_OneCredentialWaiting_AnotherCredentialGetsItsPermitAtOnce()
    {
        var clock = new FakeTimeProvider(Start);
        var limits = new PersonioRateLimits(Options.Create(new PersonioOptions { V1EmployeesPerSecond = 1, V1EmployeesPerMinute = 1 }), clock);
        var ct = TestContext.Current.CancellationToken;
        var first = await limits.StartAsync(ListRequest("a"), ct).WaitAsync(TimeSpan.FromSeconds(5), ct);
        var queued = Enumerable.Range(0, 50).Select(_ => limits.StartAsync(ListRequest("a"), ct)).ToList();

        var other = limits.StartAsync(ListRequest("b"), ct);

        Assert.NotNull(first);
        Assert.True(other.IsCompletedSuccessfully);
        Assert.All(queued, q => Assert.False(q.IsCompleted));
        first!.Answered();
        (await other)!.Answered();
        Assert.All(queued, q => Assert.False(q.IsCompleted)); // a minute after the answer, not before
    }

    [Fact]
    public void Circuits_OnePipelinePerBusyCredential_IdleSlotsReused_OpenOnesKept()
    {
        var clock = new FakeTimeProvider(Start);
        var circuits = new PersonioCircuits(clock, Options.Create(new PersonioOptions()));

        var a = circuits.Select(ListRequest("a"));
        var b = circuits.Select(ListRequest("b"));
        var aAgain = circuits.Select(ListRequest("a"));
        circuits.Opened(ListRequest("b"));
        clock.Advance(circuits.IdleBeforeReuse + TimeSpan.FromSeconds(1));
        var c = circuits.Select(ListRequest("c"));
        var d = circuits.Select(ListRequest("d"));
        var bAfterIdle = circuits.Select(ListRequest("b"));

        Assert.NotEqual(a, b);
        Assert.Equal(a, aAgain);
        Assert.Equal(a, c);
        Assert.NotEqual(b, d);
        Assert.Equal(b, bAfterIdle);
        Assert.Equal(3, circuits.Slots);
    }

    [Fact]
    public void Circuits_ThousandsOfCredentialsOneAfterAnother_PipelinesStayFew()
    {
        var clock = new FakeTimeProvider(Start);
        var circuits = new PersonioCircuits(clock, Options.Create(new PersonioOptions()));

        for (var i = 0; i < 5_000; i++)
        {
            circuits.Select(ListRequest("credential-" + i));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var concurrentlyBusy = (int)Math.Ceiling(circuits.IdleBeforeReuse / TimeSpan.FromMinutes(1));
        Assert.InRange(circuits.Slots, concurrentlyBusy, concurrentlyBusy + 3);
    }

    private static HttpRequestMessage ListRequest(string credential)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.personio.de/v1/company/employees");
        request.Options.Set(PersonioThrottle.CredentialKey, credential);
        return request;
    }

    /// <summary>Moves <paramref name="clock"/> a second at a time (a moment apart) until <paramref name="condition"/> holds; how far it moved.</summary>
    private static async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> condition)
    {
        var moved = TimeSpan.Zero;
        while (!condition())
        {
            Assert.True(moved < TimeSpan.FromMinutes(5), "the condition was not met within 5 minutes of the test's clock");
            clock.Advance(TimeSpan.FromSeconds(1));
            moved += TimeSpan.FromSeconds(1);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return moved;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "the condition was not met within 10 s");
    }
}
