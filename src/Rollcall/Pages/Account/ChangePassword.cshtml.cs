using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rollcall.Pages.Account;

public sealed class ChangePasswordModel(UserManager<Data.Access.Account> accounts, SignInManager<Data.Access.Account> signIn) : PageModel
{
    [BindProperty]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    public string NewPassword { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await accounts.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        var result = await accounts.ChangePasswordAsync(account, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(e => e.Description).ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        account.MustChangePassword = false;
        await accounts.UpdateAsync(account);
        await signIn.RefreshSignInAsync(account);
        return Redirect("/");
    }
}
