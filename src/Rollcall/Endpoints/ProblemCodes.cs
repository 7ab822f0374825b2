using Microsoft.AspNetCore.Mvc;
using Rollcall.Data;
using Rollcall.Reasons;

namespace Rollcall.Endpoints;

/// <summary>
/// Problem-details answers with a stable machine-readable <c>code</c>; clients switch on the code, never on the text.
/// A problem is made from a reason key (its code is the key's part before the first dot: <c>not_found.user</c> →
/// <c>not_found</c>) and arguments; its <c>detail</c> is rendered from the reason catalogue in the request's
/// language, which is when a problem is shown: the JSON API's caller's (<c>Accept-Language</c>), a page's.
/// </summary>
internal static class ProblemCodes
{
    public static ProblemDetails NotFound(string key, params object[] args) => Create(StatusCodes.Status404NotFound, key, args);

    public static ProblemDetails Conflict(string key, params object[] args) => Create(StatusCodes.Status409Conflict, key, args);

    public static ProblemDetails Invalid(string key, params object[] args) => Create(StatusCodes.Status400BadRequest, key, args);

    public static ProblemDetails Create(int status, string key, params object[] args) => Create(status, new Reason(key, args));

    public static ProblemDetails Create(int status, Reason reason) => new()
    {
        Status = status,
        Title = reason.Code.Replace('_', ' '),
        Detail = reason.Render(),
        Type = $"https://rollcall.dev/problems/{reason.Code}",
        Extensions = { ["code"] = reason.Code },
    };
}
