using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Outbox;

namespace Rollcall.Mail;

/// <summary>
/// Queues messages in the outbox, in the caller's transaction (the caller saves). The idempotency key makes one
/// cause yield at most one message, whatever retries or crashes happen around it.
/// </summary>
internal sealed class MailQueue(RollcallDbContext db, TimeProvider time)
{
    public void Invitation(Guid companyId, Guid userId, Guid cause) =>
        Queue(companyId, MessageKind.Invitation, $"invitation:{userId}:{cause}", "invitation", null, userId);

    /// <summary>Tells the company's admins; skipped if a message with this key exists already.</summary>
    public async Task NotifyAdminsAsync(Guid companyId, string key, string topic, string detail, CancellationToken ct)
    {
        if (!await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == key, ct) && !db.OutboxMessages.Local.Any(m => m.IdempotencyKey == key))
        {
            Queue(companyId, MessageKind.AdminNotification, key, topic, detail, null);
        }
    }

    private void Queue(Guid companyId, MessageKind kind, string key, string topic, string? detail, Guid? userId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            CompanyId = companyId,
            Kind = kind,
            IdempotencyKey = key,
            UserId = userId,
            Topic = topic,
            Detail = detail,
            State = MessageState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }
}
