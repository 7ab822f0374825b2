namespace Rollcall.Data.Access;

/// <summary>
/// A signed-in browser session, kept on the server: the sign-in cookie names it, and it ends at its absolute
/// expiry, when it is signed out, or when all the account's sessions are ended (password change, 2FA change),
/// whatever the cookie says.
/// </summary>
public sealed class AccountSession
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }

    /// <summary>How the session was signed in: <c>password</c>, <c>password+totp</c> or <c>oidc:{scheme}</c>.</summary>
    public required string SignInMethod { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }

    /// <summary>The absolute end of the session, however active it is.</summary>
    public DateTime ExpiresAt { get; set; }

    public DateTime? EndedAt { get; set; }
}
