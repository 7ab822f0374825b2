using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Rollcall.Endpoints;

namespace Rollcall.Access;

/// <summary>
/// One maximum body size for pages and the API (<c>Access:MaxRequestBodySize</c>): a declared length over it is answered
/// 413 before anything reads the body; a chunked body is cut off by the server at the same size.
/// </summary>
internal static class RequestSizeLimit
{
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.MaxRequestBodySize;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            await Results.Problem(ProblemCodes.Create(StatusCodes.Status413PayloadTooLarge, "request_too_large.limit", limit / 1024)).ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
