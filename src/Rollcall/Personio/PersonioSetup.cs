using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Rollcall.Personio;

internal static class PersonioSetup
{
    /// <summary>Typed v1/v2 clients with Personio's headers, retries, timeouts, circuit breaker and rate limits.</summary>
    public static IHostApplicationBuilder AddPersonio(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PersonioOptions>()
            .BindConfiguration(PersonioOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.BaseUrl.IsAbsoluteUri && (o.BaseUrl.Scheme == Uri.UriSchemeHttps || (o.BaseUrl.Scheme == Uri.UriSchemeHttp && o.BaseUrl.IsLoopback)),
                "Personio:BaseUrl must be an https URL (plain http only for a loopback address, such as the sandbox).")
            .Validate(o => o.TotalRequestTimeout > o.AttemptTimeout, "Personio:TotalRequestTimeout must be longer than Personio:AttemptTimeout.")
            .Validate(o => o.ClientRateLimits || o.BaseUrl.IsLoopback, "Personio:ClientRateLimits can be switched off only for a loopback sandbox.")
            .ValidateOnStart();

        services.AddSingleton<PersonioTokenCache>();
        services.AddSingleton<PersonioRateLimits>();
        services.AddSingleton<PersonioCircuits>();
        services.AddSingleton<PersonioQuota>();
        services.AddTransient<PersonioQuotaGate>();
        services.AddTransient<PersonioThrottle>();
        services.AddTransient<PersonioBodyBuffer>();
        services.AddSingleton<PersonioMetrics>();
        services.AddTransient<PersonioMetering>();
        services.AddScoped<PersonioClient>();
        Configure(services.AddHttpClient<PersonioV1Api>());
        Configure(services.AddHttpClient<PersonioV2Api>());
        return builder;
    }

    private static void Configure(IHttpClientBuilder client)
    {
        client.ConfigureHttpClient((services, http) =>
        {
            var options = services.GetRequiredService<IOptions<PersonioOptions>>().Value;
            http.BaseAddress = options.BaseUrl;
            http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Rollcall", Version));
            http.DefaultRequestHeaders.Add("X-Personio-App-ID", options.AppId);
            if (options.PartnerId is { } partner)
            {
                http.DefaultRequestHeaders.Add("X-Personio-Partner-ID", partner);
            }
        });

        // Outside the pipeline: a credential whose quota Personio says is spent waits for its reset before its request
        // starts, so the wait counts against no timeout and fails nothing.
        client.AddHttpMessageHandler<PersonioQuotaGate>();

        // One pipeline instance per credential (PersonioCircuits), so its breaker and limiter belong to that credential alone.
        client.AddStandardResilienceHandler().Configure((resilience, services) =>
        {
            var options = services.GetRequiredService<IOptions<PersonioOptions>>().Value;
            resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
            resilience.TotalRequestTimeout.Timeout = options.TotalRequestTimeout;
            resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
            resilience.Retry.ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && HttpClientResiliencePredicates.IsTransient(args.Outcome));
            resilience.Retry.BackoffType = DelayBackoffType.Exponential;
            resilience.Retry.UseJitter = true;
            resilience.Retry.Delay = options.RetryBaseDelay;
            resilience.Retry.DelayGenerator = args => ValueTask.FromResult(PersonioRetryDelay.For(args.Outcome.Result, args.AttemptNumber));
            var circuits = services.GetRequiredService<PersonioCircuits>();
            resilience.CircuitBreaker.SamplingDuration = SamplingDuration(options);
            resilience.CircuitBreaker.MinimumThroughput = options.CircuitMinimumThroughput;
            resilience.CircuitBreaker.FailureRatio = 0.5;
            resilience.CircuitBreaker.BreakDuration = options.CircuitBreakDuration;
            resilience.CircuitBreaker.OnOpened = args =>
            {
                circuits.Opened(args.Context.GetRequestMessage());
                return ValueTask.CompletedTask;
            };
            resilience.CircuitBreaker.OnClosed = args =>
            {
                circuits.Closed(args.Context.GetRequestMessage());
                return ValueTask.CompletedTask;
            };
        }).SelectPipelineBy(services => services.GetRequiredService<PersonioCircuits>().Select);

        // Inside the retries, so every attempt waits for a permit.
        client.AddHttpMessageHandler<PersonioThrottle>();

        // Every attempt, by endpoint and status (metrics); outside the body buffer, so a stalled body counts as a failure.
        client.AddHttpMessageHandler<PersonioMetering>();

        // Innermost: the body is read within the attempt, so a stalled body times out and is retried like a stalled header.
        client.AddHttpMessageHandler<PersonioBodyBuffer>();
    }

    /// <summary>The breaker's window: at least a minute, and long enough to see two timed-out attempts.</summary>
    internal static TimeSpan SamplingDuration(PersonioOptions options) =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, 2 * options.AttemptTimeout.Ticks));

    private static string Version { get; } =
        typeof(PersonioSetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
