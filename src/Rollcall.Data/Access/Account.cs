using Microsoft.AspNetCore.Identity;

namespace Rollcall.Data.Access;

/// <summary>
/// A login (ASP.NET Core Identity user). One account can be linked to directory users in several companies;
/// what it may do in a company follows the role of its directory user there.
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
    /// <summary>Set for a one-time password: the account must choose its own password before anything else.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAt { get; set; }
}
