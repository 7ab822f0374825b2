using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Rollcall.Access;

/// <summary>An account signed in with a one-time password sees no page but the password page until it picks its own.</summary>
internal sealed class MustChangePasswordFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var page = context.ActionDescriptor.ViewEnginePath;
        if (context.HttpContext.User.HasClaim(RollcallClaims.MustChangePassword, "true")
            && page is not "/Account/ChangePassword" and not "/Account/Logout" and not "/Account/Language")
        {
            context.Result = new RedirectToPageResult("/Account/ChangePassword");
            return;
        }

        await next();
    }
}
