using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rollcall.Pages.Account;

/// <summary>Signing out ends the session on the server too: a copy of the cookie signs nobody in afterwards.</summary>
internal sealed class LogoutModel(SignInManager<Data.Access.Account> signIn, Rollcall.Access.AccountSessions sessions) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Rollcall.Access.RollcallClaims.SessionId(User) is { } session)
        {
            await sessions.EndAsync(session, ct);
        }

        await signIn.SignOutAsync();
        return Redirect("/login");
    }
}
