using Microsoft.AspNetCore.Mvc;

namespace Rollcall.Endpoints;

/// <summary>
/// Problem-details answers with a stable machine-readable <c>code</c>; clients switch on the code, never on the text.
/// </summary>
internal static class ProblemCodes
{
    public static ProblemDetails NotFound(string detail) => Create(StatusCodes.Status404NotFound, "not_found", detail);

    public static ProblemDetails Conflict(string code, string detail) => Create(StatusCodes.Status409Conflict, code, detail);

    public static ProblemDetails Invalid(string code, string detail) => Create(StatusCodes.Status400BadRequest, code, detail);

    public static ProblemDetails Create(int status, string code, string detail) => new()
    {
        Status = status,
        Title = code.Replace('_', ' '),
        Detail = detail,
        Type = $"https://rollcall.dev/problems/{code}",
        Extensions = { ["code"] = code },
    };
}
