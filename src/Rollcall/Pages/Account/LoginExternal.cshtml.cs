using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rollcall.Access;

namespace Rollcall.Pages.Account;

/// <summary>
/// Where an identity provider's sign-in lands: the account is found by the provider's verified email, or the page says why
/// not. On success the page continues by itself, so the next request is same-site and carries the strict session cookie.
/// </summary>
internal sealed class LoginExternalModel(ExternalSignIn external) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string ContinueTo => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var outcome = await external.CompleteAsync();
        Error = outcome switch
        {
            ExternalSignIn.Outcome.SignedIn => null,
            ExternalSignIn.Outcome.EmailNotVerified => "Your identity provider did not confirm your email address as verified, so Rollcall cannot tell which account is yours.",
            ExternalSignIn.Outcome.NoAccount => "There is no Rollcall account with the email address your identity provider gave. An admin of your company has to invite you first.",
            _ => "The identity provider did not sign you in.",
        };
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Page();
    }
}
