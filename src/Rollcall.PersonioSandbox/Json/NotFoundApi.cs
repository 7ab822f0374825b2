namespace Rollcall.PersonioSandbox.Json;

/// <summary>Unknown Personio routes answer 404 in the API's own error shape, never with an empty body.</summary>
internal static class NotFoundApi
{
    public static IEndpointRouteBuilder MapNotFound(this IEndpointRouteBuilder app)
    {
        app.MapFallback("/v1/{**path}", () => V1Errors.Create(404, "The requested resource was not found."));
        app.MapFallback("/v2/{**path}", (HttpRequest request) => V2Errors.Create(
            404, "Resource not found", "The requested resource does not exist.", "apinot_found",
            new Dictionary<string, string> { ["path"] = request.Path.Value ?? "/" }));
        return app;
    }
}
