using Microsoft.Extensions.Options;

namespace Rollcall.Personio;

/// <summary>
/// Keeps each credential within Personio's documented limits, so a full read never meets a 429. It sits inside the
/// retry handler, so retries wait for a permit too.
/// </summary>
public sealed class PersonioThrottle(PersonioRateLimits limits, PersonioQuota quota, IOptions<PersonioOptions> options) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> CredentialKey = new("rollcall.personio.credential");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!options.Value.ClientRateLimits)
        {
            return Observed(request, await base.SendAsync(request, cancellationToken));
        }

        var window = await limits.StartAsync(request, cancellationToken);
        try
        {
            return Observed(request, await base.SendAsync(request, cancellationToken));
        }
        finally
        {
            window?.Answered();
        }
    }

    // Every attempt's answer, retries included, tells the quota what Personio's rate-limit headers say.
    private HttpResponseMessage Observed(HttpRequestMessage request, HttpResponseMessage response)
    {
        quota.Observe(request, response);
        return response;
    }
}
