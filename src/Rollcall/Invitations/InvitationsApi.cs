using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Rollcall.Access;

namespace Rollcall.Invitations;

internal static class InvitationsApi
{
    public static RouteGroupBuilder MapInvitations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}")
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .WithTags("Mail");
        group.MapPost("/users/{userId:guid}/invitation", Resend).WithName("ResendInvitation");
        return group;
    }

    /// <summary>Sends an invited user a new link; the previous one stops working.</summary>
    private static async Task<Results<Accepted, ProblemHttpResult>> Resend(
        Guid companyId, Guid userId, InvitationActions invitations, ClaimsPrincipal caller, CancellationToken ct)
    {
        var resent = await invitations.ResendAsync(companyId, userId, caller.AsCause(), ct);
        return resent.Problem is { } problem ? TypedResults.Problem(problem) : TypedResults.Accepted((string?)null);
    }
}
