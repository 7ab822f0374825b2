using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Rollcall.Access;

namespace Rollcall.Pages.Account;

internal sealed class LoginModel(SignInManager<Data.Access.Account> signIn, LoginThrottle throttle, IOptions<OidcOptions> oidc) : PageModel
{
    // Null when the form field is empty (model binding turns "" into null).
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>The configured identity providers: key and button text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Providers =>
        oidc.Value.Providers.Select(p => KeyValuePair.Create(p.Key, p.Value.DisplayName ?? p.Key)).ToList();

    public void OnGet(string? external)
    {
        if (external == "failed")
        {
            Error = "The identity provider did not sign you in.";
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (throttle.TryAttempt(HttpContext) is { } retryAfter)
        {
            return Throttled(retryAfter);
        }

        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = "Enter your email and password.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl });
        }

        Error = result.IsLockedOut
            ? "This account is locked after too many failed logins. Try again later."
            : "Wrong email or password.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    /// <summary>A provider's button: off to the identity provider, back through <c>/login/external</c>.</summary>
    public IActionResult OnPostExternal(string? provider)
    {
        var name = oidc.Value.Providers.Keys.FirstOrDefault(k => string.Equals(k, provider, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return NotFound();
        }

        var scheme = OidcSetup.SchemeOf(name);
        var properties = signIn.ConfigureExternalAuthenticationProperties(scheme, Url.Page("/Account/LoginExternal", new { ReturnUrl }));
        return Challenge(properties, scheme);
    }

    private PageResult Throttled(TimeSpan retryAfter)
    {
        LoginThrottle.Refuse(Response, retryAfter);
        Error = "Too many login attempts. Wait a minute and try again.";
        return Page();
    }
}
