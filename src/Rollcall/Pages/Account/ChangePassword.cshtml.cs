using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rollcall.Pages.Localization;

namespace Rollcall.Pages.Account;

internal sealed class ChangePasswordModel(
    UserManager<Data.Access.Account> accounts, SignInManager<Data.Access.Account> signIn, Access.AccountSessions sessions, IStringLocalizer<Texts> t,
    IOptions<IdentityOptions> identity)
    : PageModel
{
    // Null when the form field is empty (model binding turns "" into null).
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var account = await accounts.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(CurrentPassword) || string.IsNullOrEmpty(NewPassword))
        {
            Errors = [t["Enter your current password and a new one."]];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await accounts.ChangePasswordAsync(account, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(e => IdentityTexts.Of(t, e, identity.Value.Password)).ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        account.MustChangePassword = false;
        await accounts.UpdateAsync(account);
        // Whoever else was signed in as this account (a stolen cookie, a forgotten browser) is signed out now.
        await sessions.EndOthersAsync(account.Id, Access.RollcallClaims.SessionId(User), ct);
        await signIn.RefreshSignInAsync(account);
        return Redirect("/");
    }
}
