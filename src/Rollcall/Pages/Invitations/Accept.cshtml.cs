using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Invitations;
using Rollcall.Mail;
using Rollcall.Pages.Localization;

namespace Rollcall.Pages.Invitations;

/// <summary>
/// The page an invitation link opens (anonymous): set a password and become active, or learn plainly why the link no
/// longer works, with a way to get a new one when it expired.
/// </summary>
internal sealed class AcceptModel(
    InvitationLinks links, InvitationActions invitations, RollcallDbContext db, UserManager<Data.Access.Account> accounts,
    IStringLocalizer<Texts> t, IOptions<IdentityOptions> identity) : PageModel
{
    // Null when the form field is empty (model binding turns "" into null).
    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public LinkState State { get; private set; }
    public string CompanyName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string FirstName { get; private set; } = "";
    public bool HasAccount { get; private set; }
    public bool Accepted { get; private set; }
    public bool NewLinkSent { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<PageResult> OnGetAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        return Answer();
    }

    public async Task<PageResult> OnPostAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        if (State != LinkState.Valid)
        {
            return Answer();
        }

        if (!HasAccount && Password != ConfirmPassword)
        {
            Errors = [t["The two passwords differ."]];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Identity's validators first, for their error codes: the accept result carries only English descriptions.
        if (!HasAccount && await PasswordErrorsAsync(Password ?? "") is { Count: > 0 } errors)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await invitations.AcceptAsync(token, Password ?? "", SignedInAccountId(), ct);
        if (result.LoginRequired)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (result.PasswordErrors.Count > 0)
        {
            Errors = result.PasswordErrors.Select(e => t[e].Value).ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        State = result.State;
        Accepted = result.State == LinkState.Used;
        return Answer();
    }

    public async Task<PageResult> OnPostNewLinkAsync(string token, CancellationToken ct)
    {
        var state = await invitations.RequestNewAsync(token, ct);
        await LoadAsync(token, ct);
        NewLinkSent = state == LinkState.Replaced;
        return Answer();
    }

    private async Task LoadAsync(string token, CancellationToken ct)
    {
        var found = await links.FindAsync(token, ct);
        State = found.State;
        if (found.User is { } user)
        {
            CompanyName = await db.Companies.AsNoTracking().Where(c => c.Id == user.CompanyId).Select(c => c.Name).SingleAsync(ct);
            Email = user.Email;
            FirstName = user.FirstName;
            var account = await db.Users.AsNoTracking().Where(a => a.NormalizedEmail == user.NormalizedEmail).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
            HasAccount = account is not null;
            SignedInAsTheAccount = account is not null && account == SignedInAccountId();
        }
    }

    /// <summary>The address has a login and the visitor is signed in as it: only then can they accept without a new password.</summary>
    public bool SignedInAsTheAccount { get; private set; }

    private Guid? SignedInAccountId() =>
        User.Identity?.IsAuthenticated == true && Guid.TryParse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;

    private async Task<List<string>> PasswordErrorsAsync(string password)
    {
        var errors = new List<string>();
        foreach (var validator in accounts.PasswordValidators)
        {
            var result = await validator.ValidateAsync(accounts, new Data.Access.Account(), password);
            errors.AddRange(result.Errors.Select(e => IdentityTexts.Of(t, e, identity.Value.Password)));
        }

        return errors;
    }

    private PageResult Answer()
    {
        if (State == LinkState.Unknown)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (State is LinkState.Expired or LinkState.Replaced or LinkState.Withdrawn or LinkState.TestOnly || (State == LinkState.Used && !Accepted))
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }
}
