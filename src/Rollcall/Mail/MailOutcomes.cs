using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Outbox;

namespace Rollcall.Mail;

/// <summary>
/// The outcomes of messages handled but not yet recorded, written together in one transaction (ADR-026). Each is
/// recorded only while its message is still pending under the claim it was sent with: a lapsed claim belongs to another
/// node, and an admin's resend may have cancelled the message meanwhile. Until then the messages stay claimed, so no other
/// node sends them while the claim holds; if the process dies first, they are sent again with the same Message-IDs once
/// the claim lapses.
/// </summary>
internal sealed class MailOutcomes(RollcallDbContext db, IInvitationLetters invitations, TimeProvider time)
{
    private readonly List<MailOutcome> _pending = [];
    private long _oldest;

    public int Count => _pending.Count;

    public TimeSpan Age => _pending.Count == 0 ? TimeSpan.Zero : time.GetElapsedTime(_oldest);

    public void Add(MailOutcome outcome)
    {
        if (_pending.Count == 0)
        {
            _oldest = time.GetTimestamp();
        }

        _pending.Add(outcome);
    }

    /// <summary>Records every pending outcome in one transaction (retried whole on a transient failure); returns their message ids.</summary>
    public async Task<IReadOnlyList<Guid>> RecordAsync(string claim)
    {
        if (_pending.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow().UtcDateTime;
        var ids = _pending.Select(o => o.Message.Id).ToList();
        await db.InTransactionAsync(async (_, ct) =>
        {
            var ours = (await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.ClaimedBy == claim && m.State == MessageState.Pending)
                .Select(m => m.Id).ToListAsync(ct)).ToHashSet();
            foreach (var done in _pending.Where(o => o.State != MessageState.Pending && ours.Contains(o.Message.Id)).GroupBy(o => (o.State, o.Error)))
            {
                var (state, error) = done.Key;
                var doneIds = done.Select(o => o.Message.Id).ToList();
                var counted = state == MessageState.Cancelled ? 0 : 1;
                DateTime? sentAt = state == MessageState.Sent ? now : null;
                await db.OutboxMessages.Where(m => doneIds.Contains(m.Id) && m.ClaimedBy == claim && m.State == MessageState.Pending).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.State, state)
                    .SetProperty(m => m.Attempts, m => m.Attempts + counted)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null), ct);
            }

            foreach (var retry in _pending.Where(o => o.State == MessageState.Pending && ours.Contains(o.Message.Id)))
            {
                await db.OutboxMessages.Where(m => m.Id == retry.Message.Id && m.ClaimedBy == claim).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, retry.Message.Attempts + 1)
                    .SetProperty(m => m.LastError, retry.Error)
                    .SetProperty(m => m.NextAttemptAt, retry.NextAttemptAt!.Value)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null), ct);
            }

            var letters = _pending.Where(o => o.Message.Kind == MessageKind.Invitation && o.State != MessageState.Pending && ours.Contains(o.Message.Id))
                .Select(o => new LetterOutcome(o.Message, o.State, o.Letter)).ToList();
            if (letters.Count > 0)
            {
                await invitations.RecordAsync(letters, ct);
            }
        }, CancellationToken.None);
        _pending.Clear();
        return ids;
    }
}

/// <summary>
/// How handling one message ended: <see cref="MessageState.Sent"/>, <see cref="MessageState.Cancelled"/> or
/// <see cref="MessageState.Failed"/> (given up), or still <see cref="MessageState.Pending"/> with the next attempt's time.
/// </summary>
internal sealed record MailOutcome(OutboxMessage Message, MessageState State, string? Error = null, InvitationLetter? Letter = null, DateTime? NextAttemptAt = null)
{
    public SendResult Result => State switch
    {
        MessageState.Sent => SendResult.Sent,
        MessageState.Pending => SendResult.Retrying,
        MessageState.Failed => SendResult.Failed,
        _ => SendResult.Cancelled,
    };
}
