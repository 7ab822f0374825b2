using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Rollcall.Access;

/// <summary>
/// With <c>Access:RequireTwoFactor</c>, an account signed in with a password and without two-factor sees no page but
/// enrolment until it has enabled it. Identity-provider sign-ins are exempt: the provider is where their MFA is enforced.
/// </summary>
internal sealed class TwoFactorRequiredFilter(IOptions<AccessOptions> options) : IAsyncPageFilter
{
    public const string EnrolmentPage = "/Account/TwoFactor";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        if (options.Value.RequireTwoFactor && user.Identity?.IsAuthenticated == true
            && !user.HasClaim(c => c.Type == ClaimTypes.AuthenticationMethod) && !user.HasClaim(RollcallClaims.TwoFactor, "true")
            && !user.HasClaim(RollcallClaims.MustChangePassword, "true")
            && context.ActionDescriptor.ViewEnginePath is not (EnrolmentPage or "/Account/Logout" or "/Account/Language"))
        {
            context.Result = new RedirectToPageResult(EnrolmentPage);
            return;
        }

        await next();
    }
}
