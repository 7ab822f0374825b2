using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rollcall.Access;

namespace Rollcall.Pages.Account;

/// <summary>The second step of a password sign-in for an account with two-factor: a code from the app, or a recovery code.</summary>
internal sealed class LoginTwoFactorModel(SignInManager<Data.Access.Account> signIn, LoginThrottle throttle) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (throttle.TryAttempt(HttpContext) is { } retryAfter)
        {
            LoginThrottle.Refuse(Response, retryAfter);
            Error = "Too many login attempts. Wait a minute and try again.";
            return Page();
        }

        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return Redirect("/login");
        }

        var recovery = RecoveryCode?.Replace(" ", "", StringComparison.Ordinal).Trim();
        var code = Normalise(Code);
        if (string.IsNullOrEmpty(code) && string.IsNullOrEmpty(recovery))
        {
            Error = "Enter the code from your authenticator app, or a recovery code.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = string.IsNullOrEmpty(recovery)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code!, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(recovery);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Error = result.IsLockedOut
            ? "This account is locked after too many failed logins. Try again later."
            : "Wrong code.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private static string? Normalise(string? code) => code?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
}
