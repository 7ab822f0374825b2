using System.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace Rollcall.Telemetry;

/// <summary>
/// Keeps secrets out of the spans that ASP.NET Core and HttpClient record. An incoming path can be a secret (an
/// invitation link's path is its token), so a request span keeps its route template and no path or query; an outgoing
/// URL can carry ids and cursors, so a client span keeps only the scheme, host and path with every id replaced.
/// </summary>
internal static class TraceRedaction
{
    public static void IncomingResponse(Activity activity, HttpResponse response)
    {
        var template = (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.SetTag("url.path", template is null ? null : "/" + template.TrimStart('/'));
        activity.SetTag("url.query", null);
    }

    public static void IncomingRequest(Activity activity, HttpRequest request)
    {
        // Set again once the route is known; until then nothing of the path.
        activity.SetTag("url.path", null);
        activity.SetTag("url.query", null);
    }

    public static void OutgoingRequest(Activity activity, HttpRequestMessage request)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            activity.SetTag("url.full", $"{uri.Scheme}://{uri.Authority}{UrlTemplate.Of(uri.AbsolutePath)}");
        }
        else
        {
            activity.SetTag("url.full", null);
        }

        activity.SetTag("url.query", null);
    }
}
