using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Mail;

namespace Rollcall.Invitations;

/// <summary>
/// Invitation links: 32 random bytes, base64url, found again by their SHA-256. The token is kept encrypted only until
/// its message is sent (the message is rendered then); afterwards nobody, not even Rollcall, can rebuild the link.
/// </summary>
internal sealed class InvitationLinks(RollcallDbContext db, TimeProvider time, IDataProtectionProvider protection, IOptions<MailOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Rollcall.Mail.InvitationToken.v1");

    /// <summary>
    /// A new link for the user's current address, added to the caller's unit of work. Older links stop counting: only the
    /// newest is valid. A <paramref name="testOnly"/> link (test mode: it goes to the admins) shows the page but cannot be accepted.
    /// </summary>
    public Invitation Issue(DirectoryUser user, bool testOnly)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(),
            CompanyId = user.CompanyId,
            UserId = user.Id,
            NormalizedEmail = user.NormalizedEmail,
            TestOnly = testOnly,
            TokenHash = Hash(token),
            ProtectedToken = _protector.Protect(token),
            CreatedAt = now,
            ExpiresAt = now + options.Value.InvitationLifetime,
        };
        db.Invitations.Add(invitation);
        return invitation;
    }

    /// <summary>The link to put in the message; null if the token can no longer be decrypted (the key ring was lost).</summary>
    public Uri? LinkOf(Invitation invitation)
    {
        try
        {
            return invitation.ProtectedToken is { } protectedToken
                ? options.Value.LinkTo($"invitation/{_protector.Unprotect(protectedToken)}")
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public async Task<LinkLookup> FindAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return new LinkLookup(LinkState.Unknown, null, null);
        }

        var hash = Hash(token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null)
        {
            return new LinkLookup(LinkState.Unknown, null, null);
        }

        var user = await db.DirectoryUsers.SingleAsync(u => u.Id == invitation.UserId, ct);
        var state = await InvitationStandings.OfAsync(db, invitation, user, ct) switch
        {
            InvitationStanding.Used => LinkState.Used,
            InvitationStanding.Withdrawn or InvitationStanding.Gone => LinkState.Withdrawn,
            InvitationStanding.AddressChanged => LinkState.Replaced, // sent to an address the user no longer has
            _ when invitation.TestOnly => LinkState.TestOnly,
            InvitationStanding.Replaced => LinkState.Replaced,
            _ when invitation.ExpiresAt <= time.GetUtcNow().UtcDateTime => LinkState.Expired,
            _ => LinkState.Valid,
        };
        return new LinkLookup(state, invitation, user);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

internal enum LinkState
{
    Valid,
    Expired,

    /// <summary>A newer link was issued (resent or renewed); only the newest works.</summary>
    Replaced,
    Used,

    /// <summary>The user was deactivated: nothing to accept any more.</summary>
    Withdrawn,

    /// <summary>Sent to the admins in test mode: it shows what the person would get, and cannot be accepted.</summary>
    TestOnly,
    Unknown,
}

internal sealed record LinkLookup(LinkState State, Invitation? Invitation, DirectoryUser? User);
