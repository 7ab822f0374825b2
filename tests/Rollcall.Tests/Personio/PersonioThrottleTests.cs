using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Personio;

/// <summary>
/// The throttle at Personio's own limits (bursts of 15 in a second, 300 in a minute, each counted until a period after
/// its answer), and the quota that follows what Personio's rate-limit headers say, malformed ones ignored.
/// </summary>
public sealed class PersonioThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Answer = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Schedule_BurstsOf15InASecond_300InAMinute_EachRequestAsSoonAsThoseLimitsAllow()
    {
        var clock = new FakeTimeProvider(Start);
        var limits = new PersonioRateLimits(Options.Create(new PersonioOptions()), clock);
        var ct = TestContext.Current.CancellationToken;
        var starts = new List<DateTimeOffset>();

        // A read of 400 pages, one after another, each answered 20 ms after it went out.
        for (var i = 0; i < 400; i++)
        {
            while (limits.WaitFor(ListRequest("a")) is { } wait && wait > TimeSpan.Zero)
            {
                clock.Advance(wait);
            }

            var started = limits.StartAsync(ListRequest("a"), ct);
            Assert.True(started.IsCompletedSuccessfully, $"request {i} had to wait although the limits said it may go");
            starts.Add(clock.GetUtcNow());
            clock.Advance(Answer);
            (await started)!.Answered();
        }

        for (var i = 1; i < starts.Count; i++)
        {
            // Not before the previous answer, nor before the 15th (300th) answer back has been a second (a minute) old: and no later.
            var earliest = new[]
            {
                starts[i - 1] + Answer,
                i >= 15 ? starts[i - 15] + Answer + TimeSpan.FromSeconds(1) : Start,
                i >= 300 ? starts[i - 300] + Answer + TimeSpan.FromMinutes(1) : Start,
            }.Max();
            Assert.Equal(earliest, starts[i]);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(280), starts[14] - Start); // the first 15 at once, one after another
        Assert.InRange(starts[100] - Start, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(6.5)); // 101 pages: about 6 s, not 10
        Assert.InRange(starts[300] - Start, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1.01));
    }

    [Fact]
    public async Task Permit_WaitsForTheSecondAfterTheOldestAnswer_ThenGoes()
    {
        var clock = new FakeTimeProvider(Start);
        var limits = new PersonioRateLimits(Options.Create(new PersonioOptions { V1EmployeesPerSecond = 2 }), clock);
        var ct = TestContext.Current.CancellationToken;
        var first = await limits.StartAsync(ListRequest("a"), ct);
        var second = await limits.StartAsync(ListRequest("a"), ct);
        var third = limits.StartAsync(ListRequest("a"), ct);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        first!.Answered();
        second!.Answered();

        var moved = TimeSpan.Zero;
        while (!third.IsCompleted)
        {
            Assert.True(moved < TimeSpan.FromSeconds(5), "the third request never got its permit");
            // Small steps, a moment apart: the permit's timer may be set a little after the answers are recorded.
            clock.Advance(TimeSpan.FromMilliseconds(100));
            moved += TimeSpan.FromMilliseconds(100);
            await Task.WhenAny(third, Task.Delay(20, ct));
        }

        Assert.NotNull(await third.WaitAsync(TimeSpan.FromSeconds(5), ct));
        Assert.InRange(moved, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.1));
    }

    [Fact]
    public void Quota_RemainingAndReset_TheRequestsLeftGo_ThenTheNextWaitsForTheReset()
    {
        var clock = new FakeTimeProvider(Start);
        var quota = new PersonioQuota(clock);
        quota.Observe(ListRequest("a"), Answered(("X-RateLimit-Limit", "300"), ("X-RateLimit-Remaining", "2"), ("X-RateLimit-Reset", "10")));

        var waits = Enumerable.Range(0, 3).Select(_ => quota.Take(ListRequest("a"))).ToList();
        var otherCredential = quota.Take(ListRequest("b"));
        clock.Advance(TimeSpan.FromSeconds(4));
        var later = quota.Take(ListRequest("a"));
        clock.Advance(TimeSpan.FromSeconds(6));
        var afterTheReset = quota.Take(ListRequest("a"));

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(10)], waits);
        Assert.Equal(TimeSpan.Zero, otherCredential);
        Assert.Equal(TimeSpan.FromSeconds(6), later);
        Assert.Equal(TimeSpan.Zero, afterTheReset);
    }

    [Fact]
    public void Quota_TokenBucketHeaders_AnEmptyBucketPacesRequestsAtItsRefillRate()
    {
        var clock = new FakeTimeProvider(Start);
        var quota = new PersonioQuota(clock);
        quota.Observe(V2Request("a"), Answered(("x-ratelimit-replenish-rate", "5"), ("x-ratelimit-burst-capacity", "10"),
            ("x-ratelimit-requested-tokens", "1"), ("x-ratelimit-remaining", "1")));

        var now = quota.Take(V2Request("a"));
        var next = quota.Take(V2Request("a"));
        clock.Advance(TimeSpan.FromMilliseconds(200));
        var afterOneToken = quota.Take(V2Request("a"));
        var thenAgain = quota.Take(V2Request("a"));
        clock.Advance(TimeSpan.FromSeconds(3)); // the bucket is full again: nothing more to say
        var full = Enumerable.Range(0, 20).Select(_ => quota.Take(V2Request("a"))).Distinct().ToList();

        Assert.Equal((TimeSpan.Zero, TimeSpan.FromMilliseconds(200)), (now, next));
        Assert.Equal((TimeSpan.Zero, TimeSpan.FromMilliseconds(200)), (afterOneToken, thenAgain));
        Assert.Equal([TimeSpan.Zero], full);
    }

    [Theory]
    [InlineData("X-RateLimit-Remaining", "none", "X-RateLimit-Reset", "10")]
    [InlineData("X-RateLimit-Remaining", "-3", "X-RateLimit-Reset", "10")]
    [InlineData("X-RateLimit-Remaining", "NaN", "X-RateLimit-Reset", "10")]
    [InlineData("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "soon")]
    [InlineData("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "-5")]
    [InlineData("X-RateLimit-Remaining", "0", "X-RateLimit-Replenish-Rate", "0")]
    [InlineData("X-RateLimit-Remaining", "0", "X-RateLimit-Replenish-Rate", "Infinity")]
    [InlineData("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1700000000")] // a Unix time, but the answer has no Date to measure it by
    public void Quota_MalformedHeaders_AreIgnored(string name1, string value1, string name2, string value2)
    {
        var quota = new PersonioQuota(new FakeTimeProvider(Start));

        quota.Observe(ListRequest("a"), Answered((name1, value1), (name2, value2)));

        Assert.Equal(TimeSpan.Zero, quota.Take(ListRequest("a")));
    }

    [Fact]
    public void Quota_AResetFarAway_IsCappedLikeARetryWait()
    {
        var quota = new PersonioQuota(new FakeTimeProvider(Start));

        quota.Observe(ListRequest("a"), Answered(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "86400")));

        Assert.Equal(TimeSpan.FromMinutes(2), quota.Take(ListRequest("a")));
    }

    [Fact]
    public async Task ReadV2_GatewayBucketSmallerThanRollcallsOwnLimit_TheHeadersPaceTheRead_No429()
    {
        await using var sandbox = SandboxServer.Start(new Dictionary<string, string?>
        {
            ["Sandbox:RateLimits:Enabled"] = "true",
            ["Sandbox:RateLimits:V2ReplenishPerSecond"] = "20",
            ["Sandbox:RateLimits:V2BurstCapacity"] = "5",
        });
        var company = await sandbox.CreateCompanyAsync(30);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?>
        {
            ["Personio:FullReadPath"] = "V2",
            ["Personio:V2PerSecond"] = "100",
        });

        var employees = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret), includeOrganisation: true);

        Assert.Equal(30, employees.Count);
        Assert.True(personio.Log.Requests.Count(r => r.Uri.AbsolutePath.StartsWith("/v2/persons/", StringComparison.Ordinal)) >= 30);
        Assert.DoesNotContain(personio.Log.Requests, r => r.Status == 429);
    }

    private static HttpRequestMessage ListRequest(string credential) => Request("https://api.personio.de/v1/company/employees", credential);

    private static HttpRequestMessage V2Request(string credential) => Request("https://api.personio.de/v2/persons", credential);

    private static HttpRequestMessage Request(string url, string credential)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Options.Set(PersonioThrottle.CredentialKey, credential);
        return request;
    }

    private static HttpResponseMessage Answered(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
