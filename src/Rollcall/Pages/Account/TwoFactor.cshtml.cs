using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;
using Rollcall.Access;
using Rollcall.ConfigAudit;
using Rollcall.Data;
using Rollcall.Data.Directory;

namespace Rollcall.Pages.Account;

/// <summary>
/// TOTP two-factor for the signed-in account (Identity's authenticator): enrol with the shared key (text and QR code) and a
/// code, recovery codes shown once, disable with a code. Either change ends the account's other sessions and is recorded
/// in the configuration audit of every company the account is an admin of.
/// </summary>
internal sealed class TwoFactorModel(
    UserManager<Data.Access.Account> accounts, SignInManager<Data.Access.Account> signIn, AccountSessions sessions, RollcallDbContext db,
    ConfigurationAudit audit, IOptions<AccessOptions> access) : PageModel
{
    private const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }
    public bool Required => access.Value.RequireTwoFactor;
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public int RecoveryCodesLeft { get; private set; }
    public string? Error { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await accounts.GetUserAsync(User) is { } account ? await ShowAsync(account) : Challenge();

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        if (await accounts.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }

        if (account.TwoFactorEnabled)
        {
            return await ShowAsync(account);
        }

        if (!await accounts.VerifyTwoFactorTokenAsync(account, accounts.Options.Tokens.AuthenticatorTokenProvider, Normalise(Code)))
        {
            Error = "The code is not valid. Enter the current code from your authenticator app.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(account);
        }

        await accounts.SetTwoFactorEnabledAsync(account, true);
        RecoveryCodes = [.. await accounts.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount) ?? []];
        await ChangedAsync(account, "two_factor.enabled", ct);
        Message = "Two-factor authentication is on.";
        return await ShowAsync(account);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        if (await accounts.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }

        if (Required)
        {
            Error = "Two-factor authentication is required for every account here; it cannot be turned off.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(account);
        }

        var code = Normalise(Code);
        var valid = account.TwoFactorEnabled && (await accounts.VerifyTwoFactorTokenAsync(account, accounts.Options.Tokens.AuthenticatorTokenProvider, code)
            || (await accounts.RedeemTwoFactorRecoveryCodeAsync(account, (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim())).Succeeded);
        if (!valid)
        {
            Error = "The code is not valid. Enter the current code from your authenticator app, or a recovery code.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(account);
        }

        await accounts.SetTwoFactorEnabledAsync(account, false);
        await accounts.ResetAuthenticatorKeyAsync(account); // a new enrolment gets a new key
        await ChangedAsync(account, "two_factor.disabled", ct);
        Message = "Two-factor authentication is off.";
        return await ShowAsync(account);
    }

    /// <summary>Other sessions end (they were signed in under the old setting); this one goes on with fresh claims; every company of the admin records it.</summary>
    private async Task ChangedAsync(Data.Access.Account account, string action, CancellationToken ct)
    {
        await sessions.EndOthersAsync(account.Id, User.SessionId(), ct);
        var companies = await db.DirectoryUsers
            .Where(u => u.AccountId == account.Id && u.Role == UserRole.Admin && u.Status != UserStatus.Deactivated)
            .Select(u => u.CompanyId).Distinct().ToListAsync(ct);
        foreach (var company in companies)
        {
            audit.Record(db, company, User.AsConfigActor(), action, subject: "account");
        }

        await db.SaveChangesAsync(ct);
        await signIn.RefreshSignInAsync(account);
    }

    private async Task<PageResult> ShowAsync(Data.Access.Account account)
    {
        account = await accounts.FindByIdAsync(account.Id.ToString()) ?? account;
        Enabled = account.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await accounts.CountRecoveryCodesAsync(account);
            return Page();
        }

        var key = await accounts.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await accounts.ResetAuthenticatorKeyAsync(account);
            key = await accounts.GetAuthenticatorKeyAsync(account) ?? "";
        }

        SharedKey = Grouped(key);
        var email = await accounts.GetEmailAsync(account) ?? "";
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("Rollcall:" + email)}?secret={key}&issuer=Rollcall&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(5));
        return Page();
    }

    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLower(CultureInfo.InvariantCulture);
    }

    private static string Normalise(string? code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
}
