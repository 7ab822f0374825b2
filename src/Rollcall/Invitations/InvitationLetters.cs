using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Outbox;
using Rollcall.Mail;

namespace Rollcall.Invitations;

/// <summary>The invitation behind an invitation message, for the dispatcher: whether it still stands, its link, its outcome.</summary>
internal sealed class InvitationLetters(RollcallDbContext db, InvitationLinks links, IOptions<MailOptions> options) : IInvitationLetters
{
    public async Task<InvitationLetter> PrepareAsync(OutboxMessage message, DateTime sendingAt, CancellationToken ct)
    {
        var user = await db.DirectoryUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == message.UserId, ct);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == message.InvitationId, ct);
        var standing = invitation is null ? InvitationStanding.Gone : await InvitationStandings.OfAsync(db, invitation, user, ct);
        if (WhyNotWanted(standing) is { } why)
        {
            return InvitationLetter.Cancel(why);
        }

        var link = links.LinkOf(invitation!) ?? throw new MailDeliveryException(
            "The invitation link can no longer be decrypted (Data Protection keys replaced); send the invitation again.", permanent: true);
        // The link's lifetime counts from sending.
        return new InvitationLetter(null, new InvitationRecipient($"{user!.FirstName} {user.LastName}", user.Email), link, sendingAt + options.Value.InvitationLifetime);
    }

    public async Task RecordAsync(OutboxMessage message, MessageState state, InvitationLetter? letter, CancellationToken ct)
    {
        if (message.InvitationId is not { } id)
        {
            return;
        }

        if (state == MessageState.Sent && letter is { NotWanted: null })
        {
            await db.Invitations.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.ProtectedToken, (string?)null)
                .SetProperty(i => i.ExpiresAt, letter.ExpiresAt), ct);
        }
        else if (state == MessageState.Cancelled)
        {
            await db.Invitations.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ProtectedToken, (string?)null), ct);
        }
    }

    private static string? WhyNotWanted(InvitationStanding standing) => standing switch
    {
        InvitationStanding.Gone => "The user or the invitation no longer exists.",
        InvitationStanding.Used or InvitationStanding.Withdrawn => "The user is no longer waiting for an invitation.",
        InvitationStanding.AddressChanged => "The user's address changed; the invitation goes to the new one.",
        InvitationStanding.Replaced => "Replaced by a newer invitation.",
        _ => null,
    };
}
