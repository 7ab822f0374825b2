using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rollcall.Data.Access;

namespace Rollcall.Access;

/// <summary>
/// After an identity provider signed a person in: the account is the one already linked to that provider's subject, or
/// else the one whose email is the provider's <b>verified</b> email (then the login is linked). Never creates an account.
/// </summary>
internal sealed class ExternalSignIn(
    SignInManager<Account> signIn, UserManager<Account> accounts, IOptions<OidcOptions> oidc, ILogger<ExternalSignIn> logger)
{
    public enum Outcome { SignedIn, NoExternalLogin, EmailNotVerified, NoAccount }

    public async Task<Outcome> CompleteAsync()
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        await signIn.Context.SignOutAsync(IdentityConstants.ExternalScheme);
        var entry = oidc.Value.Providers.FirstOrDefault(p => OidcSetup.SchemeOf(p.Key) == info?.LoginProvider);
        if (info is null || entry.Value is not { } provider)
        {
            return Outcome.NoExternalLogin;
        }

        var name = entry.Key;

        var account = await accounts.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (account is null)
        {
            var email = info.Principal.FindFirstValue(ClaimTypes.Email) ?? info.Principal.FindFirstValue("email");
            if (string.IsNullOrWhiteSpace(email) || !IsTrue(info.Principal.FindFirstValue(provider.EmailVerifiedClaim)))
            {
                logger.LogWarning("Sign-in through {Provider} refused: the provider did not confirm the email as verified", name);
                return Outcome.EmailNotVerified;
            }

            account = await accounts.FindByEmailAsync(email.Trim());
            if (account is null)
            {
                logger.LogWarning("Sign-in through {Provider} refused: no account has the email {Email}", name, Redact(email));
                return Outcome.NoAccount;
            }

            var linked = await accounts.AddLoginAsync(account, new UserLoginInfo(info.LoginProvider, info.ProviderKey, info.ProviderDisplayName));
            if (!linked.Succeeded)
            {
                return Outcome.NoAccount;
            }
        }

        // The provider did the authentication (and its own MFA): no password lockout or two-factor prompt here.
        await signIn.SignInAsync(account, isPersistent: false, authenticationMethod: info.LoginProvider);
        return Outcome.SignedIn;
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static string Redact(string email) => email.IndexOf('@') is > 0 and var at ? $"{email[0]}•••{email[at..]}" : "•••";
}
