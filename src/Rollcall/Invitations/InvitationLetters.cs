using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Outbox;
using Rollcall.Mail;

namespace Rollcall.Invitations;

/// <summary>
/// The invitations behind a batch of invitation messages, for the dispatcher: whether each still stands, its link, its
/// outcome. Three reads per batch and at most two writes per recorded group, not a round trip per message.
/// </summary>
internal sealed class InvitationLetters(RollcallDbContext db, InvitationLinks links, IOptions<MailOptions> options) : IInvitationLetters
{
    public async Task<IReadOnlyDictionary<Guid, InvitationLetter>> PrepareAsync(IReadOnlyCollection<OutboxMessage> messages, DateTime sendingAt, CancellationToken ct)
    {
        var letters = new Dictionary<Guid, InvitationLetter>();
        var invitationMessages = messages.Where(m => m.Kind == MessageKind.Invitation).ToList();
        if (invitationMessages.Count == 0)
        {
            return letters;
        }

        var userIds = invitationMessages.Where(m => m.UserId is not null).Select(m => m.UserId!.Value).Distinct().ToList();
        var invitationIds = invitationMessages.Where(m => m.InvitationId is not null).Select(m => m.InvitationId!.Value).Distinct().ToList();
        var users = await db.DirectoryUsers.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var invitations = await db.Invitations.AsNoTracking().Where(i => invitationIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var newest = await db.Invitations.AsNoTracking().Where(i => userIds.Contains(i.UserId))
            .GroupBy(i => i.UserId).Select(g => new { UserId = g.Key, Newest = g.Max(i => i.CreatedAt) }).ToDictionaryAsync(x => x.UserId, x => x.Newest, ct);
        foreach (var message in invitationMessages)
        {
            var user = message.UserId is { } userId ? users.GetValueOrDefault(userId) : null;
            var invitation = message.InvitationId is { } invitationId ? invitations.GetValueOrDefault(invitationId) : null;
            var standing = invitation is null ? InvitationStanding.Gone : InvitationStandings.Of(invitation, user, newest.GetValueOrDefault(invitation.UserId));
            letters[message.Id] = WhyNotWanted(standing) is { } why
                ? InvitationLetter.Cancel(why)
                : links.LinkOf(invitation!) is { } link
                    // The link's lifetime counts from sending.
                    ? new InvitationLetter(null, new InvitationRecipient($"{user!.FirstName} {user.LastName}", user.Email), link, sendingAt + options.Value.InvitationLifetime)
                    : InvitationLetter.Broken("The invitation link can no longer be decrypted (Data Protection keys replaced); send the invitation again.");
        }

        return letters;
    }

    public async Task RecordAsync(IReadOnlyCollection<LetterOutcome> outcomes, CancellationToken ct)
    {
        // A sent invitation keeps only its token's hash, and expires a lifetime after its letter was prepared.
        foreach (var sent in outcomes.Where(o => o is { State: MessageState.Sent, Letter.NotWanted: null, Message.InvitationId: not null }).GroupBy(o => o.Letter!.ExpiresAt))
        {
            var ids = sent.Select(o => o.Message.InvitationId!.Value).ToList();
            await db.Invitations.Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.ProtectedToken, (string?)null)
                .SetProperty(i => i.ExpiresAt, sent.Key), ct);
        }

        var cancelled = outcomes.Where(o => o is { State: MessageState.Cancelled, Message.InvitationId: not null }).Select(o => o.Message.InvitationId!.Value).ToList();
        if (cancelled.Count > 0)
        {
            await db.Invitations.Where(i => cancelled.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.ProtectedToken, (string?)null), ct);
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
