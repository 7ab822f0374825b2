using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rollcall.Data.Access;

namespace Rollcall.Access;

/// <summary>Adds the must-change-password and two-factor flags to the session, so pages can insist without a database read.</summary>
internal sealed class AccountClaimsFactory(UserManager<Account> accounts, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account>(accounts, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account account)
    {
        var identity = await base.GenerateClaimsAsync(account);
        if (account.MustChangePassword)
        {
            identity.AddClaim(new Claim(RollcallClaims.MustChangePassword, "true"));
        }

        if (account.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(RollcallClaims.TwoFactor, "true"));
        }

        return identity;
    }
}
