namespace Rollcall.PersonioSandbox.RequestCounts;

/// <summary>
/// Counts every request to a <c>/v1</c> or <c>/v2</c> route before faults, authentication or rate limits can
/// answer it; the control API is not counted.
/// </summary>
internal sealed class RequestCountMiddleware(RequestDelegate next, RequestCounter counter)
{
    public Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/v1") || path.StartsWithSegments("/v2"))
        {
            counter.Count($"{http.Request.Method} {RouteOf(http)}");
        }

        return next(http);
    }

    /// <summary>The matched route template, e.g. <c>/v2/persons/{id}</c>; unknown routes show as the fallback's <c>/v1/{**path}</c>.</summary>
    private static string RouteOf(HttpContext http)
    {
        var template = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "/";
        return template.Length > 1 ? template.TrimEnd('/') : template;
    }
}
