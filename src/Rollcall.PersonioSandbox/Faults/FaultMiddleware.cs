using System.Text;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Json;

namespace Rollcall.PersonioSandbox.Faults;

/// <summary>Applies armed faults to Personio routes; the control API under <c>/_sandbox</c> is never affected.</summary>
internal sealed class FaultMiddleware(
    RequestDelegate next, FaultInjector faults, FaultLog log, BetweenPages betweenPages, TokenStore tokens, TimeProvider time, ILogger<FaultMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/_sandbox"))
        {
            await next(http);
            return;
        }

        var clientId = faults.AnyForOneCredential ? await FaultCaller.ClientIdAsync(http.Request, tokens) : null;
        if (faults.Take(http.Request, clientId) is not { } fault)
        {
            await next(http);
            return;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Injecting fault {Kind} into {Path}", fault.Kind, http.Request.Path.Value);
        }

        if (fault.FiresAfterResponse)
        {
            await betweenPages.RunAsync(http, next, fault);
            return;
        }

        log.Record(fault, http.Request, faults.PageOf(http.Request));
        var v2 = http.Request.Path.StartsWithSegments("/v2");
        if (fault.RetryAfterSeconds is { } seconds && fault.Kind is FaultKind.RateLimited or FaultKind.ServerError)
        {
            SetRetryAfter(http.Response, seconds, fault.RetryAfterAsDate);
        }

        switch (fault.Kind)
        {
            case FaultKind.ServerError:
                await (v2 ? V2Errors.ServerError(fault.StatusCode) : V1Errors.ServerError(fault.StatusCode)).ExecuteAsync(http);
                break;
            case FaultKind.RateLimited:
                await (v2 ? V2Errors.TooManyRequests() : V1Errors.TooManyRequests()).ExecuteAsync(http);
                break;
            case FaultKind.DropConnection:
                http.Abort();
                break;
            case FaultKind.MalformedJson:
                http.Response.ContentType = "application/json";
                var body = v2 ? "{\"_data\":[{\"id\":\"4" : "{\"success\":true,\"metadata\":{\"total_elements\":";
                await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body), http.RequestAborted);
                break;
            case FaultKind.Delay:
                await Task.Delay(fault.Delay ?? TimeSpan.Zero, time, http.RequestAborted);
                await next(http);
                break;
            case FaultKind.BareNotFound:
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                http.Response.ContentType = "text/html";
                await http.Response.Body.WriteAsync("<html><body><h1>404 Not Found</h1></body></html>"u8.ToArray(), http.RequestAborted);
                break;
            case FaultKind.StallBody:
                await StalledBody.RunAsync(http, next, fault, time);
                break;
            default:
                // empty_page, repeat_cursor, lying_empty_page, lying_total: the endpoint shapes its own answer.
                FaultSignals.Pass(http, fault);
                await next(http);
                break;
        }
    }

    /// <summary>
    /// Retry-After in seconds, or as an HTTP date: then the answer carries its own <c>Date</c> from the same clock, so a
    /// client can measure the one against the other (the sandbox's clock may be a test's).
    /// </summary>
    internal static void SetRetryAfter(HttpResponse response, int seconds, bool asDate)
    {
        if (!asDate)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        var now = response.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        response.Headers.Date = now.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.RetryAfter = now.AddSeconds(seconds).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
