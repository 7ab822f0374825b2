using System.Net;
using System.Net.Http.Headers;
using Rollcall.Personio;

namespace Rollcall.Tests.Personio;

/// <summary>Retry-After in both forms on 429 and 503, capped; Personio's own minimum wait after a 429 without one.</summary>
public sealed class PersonioRetryDelayTests
{
    private static readonly DateTimeOffset Sent = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 0, 1)]   // no header: Personio's second
    [InlineData(HttpStatusCode.TooManyRequests, 3, 8)]   // growing with the attempt
    [InlineData(HttpStatusCode.TooManyRequests, 9, 30)]  // at most 30 s
    public void TooManyRequests_WithoutRetryAfter_AtLeastASecondGrowing(HttpStatusCode status, int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), PersonioRetryDelay.For(Answer(status), attempt));
    }

    [Fact]
    public void RetryAfterInSeconds_HonouredOn429And503()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), PersonioRetryDelay.For(Answer(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))), 0));
        Assert.Equal(TimeSpan.FromSeconds(4), PersonioRetryDelay.For(Answer(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(TimeSpan.FromSeconds(4))), 0));
    }

    [Fact]
    public void RetryAfterAsADate_MeasuredAgainstTheAnswersOwnDate()
    {
        var later = new RetryConditionHeaderValue(Sent.AddSeconds(12));

        Assert.Equal(TimeSpan.FromSeconds(12), PersonioRetryDelay.For(Answer(HttpStatusCode.TooManyRequests, later, Sent), 0));
        Assert.Equal(TimeSpan.FromSeconds(12), PersonioRetryDelay.For(Answer(HttpStatusCode.ServiceUnavailable, later, Sent), 0));
        // Without the answer's date, or a date already past, the usual wait applies.
        Assert.Equal(TimeSpan.FromSeconds(1), PersonioRetryDelay.For(Answer(HttpStatusCode.TooManyRequests, later), 0));
        Assert.Null(PersonioRetryDelay.For(Answer(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(Sent.AddSeconds(-5)), Sent), 0));
    }

    [Fact]
    public void LongRetryAfter_CappedAtTwoMinutes_OtherStatusesUseTheBackoff()
    {
        Assert.Equal(PersonioRetryDelay.Longest, PersonioRetryDelay.For(Answer(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromHours(1))), 0));
        Assert.Equal(PersonioRetryDelay.Longest, PersonioRetryDelay.For(Answer(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(Sent.AddHours(1)), Sent), 0));
        Assert.Null(PersonioRetryDelay.For(Answer(HttpStatusCode.ServiceUnavailable), 0));
        Assert.Null(PersonioRetryDelay.For(Answer(HttpStatusCode.InternalServerError, new RetryConditionHeaderValue(TimeSpan.FromSeconds(9))), 0));
        Assert.Null(PersonioRetryDelay.For(null, 0));
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, RetryConditionHeaderValue? retryAfter = null, DateTimeOffset? date = null)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.RetryAfter = retryAfter;
        response.Headers.Date = date;
        return response;
    }
}
