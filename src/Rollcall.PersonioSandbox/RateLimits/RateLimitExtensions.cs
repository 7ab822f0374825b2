using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Faults;

namespace Rollcall.PersonioSandbox.RateLimits;

internal static class RateLimitExtensions
{
    public static IServiceCollection AddSandboxRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RateLimiter>();
        return services;
    }

    /// <summary>
    /// Limits per credential once authenticated (add it after the bearer filter), otherwise per client address.
    /// </summary>
    public static RouteHandlerBuilder RequireRateLimit(this RouteHandlerBuilder builder, RateLimitPolicies policy, Func<IResult> rejected) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var limiter = http.RequestServices.GetRequiredService<RateLimiter>();
            var caller = Caller.Find(http);
            var key = caller?.Credential.ClientId ?? http.Connection.RemoteIpAddress?.ToString() ?? "in-process";
            if (policy == RateLimitPolicies.V2Data)
            {
                key += "|" + (http.GetEndpoint()?.DisplayName ?? http.Request.Path);
            }

            var (allowed, remaining) = limiter.Check(policy, key);
            if (remaining is { } left)
            {
                var o = limiter.Options;
                http.Response.Headers["x-ratelimit-replenish-rate"] = o.V2ReplenishPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.Headers["x-ratelimit-burst-capacity"] = o.V2BurstCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.Headers["x-ratelimit-requested-tokens"] = "1";
                http.Response.Headers["x-ratelimit-remaining"] = left.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (policy == RateLimitPolicies.V1Employees && limiter.V1EmployeesQuota(key) is { } quota)
            {
                http.Response.Headers["X-RateLimit-Limit"] = quota.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.Headers["X-RateLimit-Remaining"] = quota.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.Headers["X-RateLimit-Reset"] = quota.ResetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (allowed)
            {
                return await next(context);
            }

            if (limiter.Options.SendRetryAfter)
            {
                FaultMiddleware.SetRetryAfter(http.Response, 1, limiter.Options.RetryAfterAsDate);
            }

            return rejected();
        });
}
