using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Rollcall.Endpoints;

namespace Rollcall.Access;

/// <summary>Answers 404 instead of 403 to a signed-in caller who is not in the company at all.</summary>
internal sealed class CompanyAccessResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons
                .Any(r => r.Handler is CompanyAdminHandler && r.Message == CompanyAdminHandler.ReadOnlyKey) == true)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Results.Problem(ProblemCodes.Create(StatusCodes.Status403Forbidden, "read_only_api_key")).ExecuteAsync(context);
        }

        var notInCompany = authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons
            .Any(r => r.Handler is CompanyAdminHandler && r.Message == CompanyAdminHandler.NotInCompany) == true;
        if (!notInCompany)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.Request.Path.StartsWithSegments("/api")
            ? Results.Problem(ProblemCodes.NotFound("not_found.company")).ExecuteAsync(context)
            : Task.CompletedTask;
    }
}
