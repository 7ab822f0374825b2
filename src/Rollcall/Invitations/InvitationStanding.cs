using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;

namespace Rollcall.Invitations;

/// <summary>
/// Whether an invitation still stands: the one decision behind both the dispatcher (send it, or cancel it) and the
/// link page (accept it, or say why not). Expiry and test mode are the link's own concerns on top of it.
/// </summary>
internal enum InvitationStanding
{
    Stands,

    /// <summary>The user or the invitation no longer exists.</summary>
    Gone,

    /// <summary>Accepted, or the user is active already.</summary>
    Used,

    /// <summary>The user is no longer waiting for an invitation (deactivated).</summary>
    Withdrawn,

    /// <summary>The user's address changed after it was issued; the new address gets its own invitation.</summary>
    AddressChanged,

    /// <summary>Revoked by a resend, or a newer one was issued: only the newest works.</summary>
    Replaced,
}

internal static class InvitationStandings
{
    public static async Task<InvitationStanding> OfAsync(RollcallDbContext db, Invitation invitation, DirectoryUser? user, CancellationToken ct) => user switch
    {
        null => InvitationStanding.Gone,
        _ when invitation.AcceptedAt is not null || user.Status == UserStatus.Active => InvitationStanding.Used,
        { Status: not UserStatus.Invited } => InvitationStanding.Withdrawn,
        _ when invitation.NormalizedEmail != user.NormalizedEmail => InvitationStanding.AddressChanged,
        _ when invitation.RevokedAt is not null
            || await db.Invitations.AnyAsync(i => i.UserId == invitation.UserId && i.CreatedAt > invitation.CreatedAt, ct) => InvitationStanding.Replaced,
        _ => InvitationStanding.Stands,
    };
}
