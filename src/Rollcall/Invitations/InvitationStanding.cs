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
    public static async Task<InvitationStanding> OfAsync(RollcallDbContext db, Invitation invitation, DirectoryUser? user, CancellationToken ct) =>
        Settled(invitation, user) ?? (invitation.RevokedAt is not null
            || await db.Invitations.AnyAsync(i => i.UserId == invitation.UserId && i.CreatedAt > invitation.CreatedAt, ct)
                ? InvitationStanding.Replaced
                : InvitationStanding.Stands);

    /// <summary>The same decision with the user's newest invitation already known (the dispatcher reads them for a whole batch).</summary>
    public static InvitationStanding Of(Invitation invitation, DirectoryUser? user, DateTime newestOfUser) =>
        Settled(invitation, user) ?? (invitation.RevokedAt is not null || newestOfUser > invitation.CreatedAt
            ? InvitationStanding.Replaced
            : InvitationStanding.Stands);

    /// <summary>What the invitation and the user say by themselves, before asking whether a newer invitation replaced it.</summary>
    private static InvitationStanding? Settled(Invitation invitation, DirectoryUser? user) => user switch
    {
        null => InvitationStanding.Gone,
        _ when invitation.AcceptedAt is not null || user.Status == UserStatus.Active => InvitationStanding.Used,
        { Status: not UserStatus.Invited } => InvitationStanding.Withdrawn,
        _ when invitation.NormalizedEmail != user.NormalizedEmail => InvitationStanding.AddressChanged,
        _ => null,
    };
}
