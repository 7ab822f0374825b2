using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Mail.Notifications;

namespace Rollcall.Mail;

/// <summary>
/// Queues messages in the outbox, in the caller's transaction (the caller saves). The idempotency key makes one
/// cause yield at most one message, whatever retries or crashes happen around it. Invitations are queued by
/// <c>Invitations/InvitationQueue</c>, which applies the company's rails first.
/// </summary>
internal sealed class MailQueue(RollcallDbContext db, TimeProvider time)
{
    /// <summary>An invitation message for an issued invitation; <paramref name="held"/> is a <see cref="HoldReasons"/> value or null.</summary>
    public void QueueInvitation(DirectoryUser user, Guid invitationId, Guid? runId, string cause, string? held, bool testMode)
    {
        var message = Queue(user.CompanyId, MessageKind.Invitation, $"invitation:{user.Id}:{cause}", MailTopics.Invitation, null, user.Id, runId);
        message.InvitationId = invitationId;
        message.Held = held is not null;
        message.HeldReason = held;
        message.TestMode = testMode;
    }

    /// <summary>Tells the company's admins; skipped if a message with the notification's key exists already.</summary>
    public async Task NotifyAdminsAsync(Guid companyId, AdminNotification notification, CancellationToken ct)
    {
        var key = notification.IdempotencyKey;
        if (!await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == key, ct) && !db.OutboxMessages.Local.Any(m => m.IdempotencyKey == key))
        {
            Queue(companyId, notification);
        }
    }

    /// <summary>
    /// Stores the notification's arguments, not its words: it is worded when sent, in the company's language then. The
    /// caller knows no message with its key exists (<see cref="NotifyAdminsAsync"/> checks).
    /// </summary>
    public void Queue(Guid companyId, AdminNotification notification) => Queue(companyId, MessageKind.AdminNotification, notification.IdempotencyKey,
        notification.Topic, notification.Arguments.ToJson(), null, notification.CausingRunId);

    private OutboxMessage Queue(Guid companyId, MessageKind kind, string key, string topic, string? detail, Guid? userId, Guid? runId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            CompanyId = companyId,
            Kind = kind,
            IdempotencyKey = key,
            UserId = userId,
            RunId = runId,
            Topic = topic,
            Detail = detail,
            State = MessageState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}

/// <summary>The topic of invitation messages; admin notifications name theirs (<see cref="INotificationKind{TSelf}.TopicCode"/>).</summary>
internal static class MailTopics
{
    public const string Invitation = "invitation";
}

/// <summary>The invitation domain allow-list: lower case, comma- or space-separated, a leading <c>@</c> tolerated.</summary>
internal static class MailDomains
{
    public static IReadOnlySet<string> Parse(string? list) =>
        (list ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.TrimStart('@').ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Normalized form to store, or the entry that is not a domain.</summary>
    public static (string? Normalized, string? NotADomain) Normalize(string? list)
    {
        var domains = Parse(list);
        var bad = domains.FirstOrDefault(d => Uri.CheckHostName(d) != UriHostNameType.Dns || !d.Contains('.', StringComparison.Ordinal));
        return bad is not null
            ? (null, bad)
            : (domains.Count == 0 ? null : string.Join(",", domains.Order(StringComparer.Ordinal)), null);
    }

    public static string Of(string email) => email[(email.LastIndexOf('@') + 1)..].Trim().ToLowerInvariant();
}
