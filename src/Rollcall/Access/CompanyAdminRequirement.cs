using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Directory;

namespace Rollcall.Access;

/// <summary>The caller must be an active admin of the company named by the route value <c>companyId</c>.</summary>
internal sealed class CompanyAdminRequirement : IAuthorizationRequirement;

/// <summary>
/// Decides company access. A member of the company is forbidden (403); anyone else, an admin of another
/// company included, must not learn that the company exists, which <see cref="CompanyAccessResultHandler"/>
/// turns into 404.
/// </summary>
internal sealed class CompanyAdminHandler(RollcallDbContext db) : AuthorizationHandler<CompanyAdminRequirement>
{
    public const string NotInCompany = "not-in-company";
    public const string ReadOnlyKey = "read-only-key";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CompanyAdminRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true || CompanyIdOf(context.Resource) is not { } companyId)
        {
            context.Fail(new AuthorizationFailureReason(this, NotInCompany));
            return;
        }

        if (context.User.ApiKeyCompanyId() is { } keyCompany && keyCompany != companyId)
        {
            context.Fail(new AuthorizationFailureReason(this, NotInCompany));
            return;
        }

        if (context.User.HasClaim(RollcallClaims.ApiKeyReadOnly, "true") && context.Resource is HttpContext request
            && !(HttpMethods.IsGet(request.Request.Method) || HttpMethods.IsHead(request.Request.Method) || HttpMethods.IsOptions(request.Request.Method)))
        {
            context.Fail(new AuthorizationFailureReason(this, ReadOnlyKey));
            return;
        }

        var accountId = context.User.AccountId();
        var role = await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.CompanyId == companyId && u.AccountId == accountId && u.Status != UserStatus.Deactivated)
            .Select(u => (UserRole?)u.Role)
            .FirstOrDefaultAsync();

        if (role == UserRole.Admin)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, role is null ? NotInCompany : "not-an-admin"));
        }
    }

    private static Guid? CompanyIdOf(object? resource) =>
        resource is HttpContext http && Guid.TryParse(http.GetRouteValue("companyId") as string, out var id) ? id : null;
}
