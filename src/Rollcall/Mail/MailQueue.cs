using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Mail.Notifications;

namespace Rollcall.Mail;

/// <summary>
/// Queues messages in the outbox, in the caller's transaction (the caller saves). The idempotency key makes one
/// cause yield at most one message, whatever retries or crashes happen around it. Invitations pass the company's
/// safety rails here, when they are queued: outside the domain allow-list or over the run's cap they are held for an
/// admin; in test mode they are marked to go to the admins instead.
/// </summary>
internal sealed class MailQueue(RollcallDbContext db, TimeProvider time, InvitationLinks links)
{
    private readonly Dictionary<Guid, CompanyRails> _rails = [];
    private readonly Dictionary<Guid, RunCount> _runs = [];

    /// <summary>
    /// An invitation with a fresh link for <paramref name="user"/>, outside any run (an admin's new user, resend, a
    /// renewal); <paramref name="cause"/> makes the idempotency key.
    /// </summary>
    public async Task InviteAsync(DirectoryUser user, string cause, CancellationToken ct)
    {
        var rails = await RailsAsync(user.CompanyId, ct);
        Queue(user, rails, runId: null, cause);
    }

    /// <summary>
    /// The invitations of one sync run: the company's rails and the run's count are loaded once, so the batch can
    /// invite inside its transaction without a query, each invitation counted toward the run's cap.
    /// </summary>
    public async Task<RunInvitations> ForRunAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        var rails = await RailsAsync(companyId, ct);
        if (!_runs.ContainsKey(runId))
        {
            // Counted from the database: a run resumed after a crash keeps counting where it stopped.
            var queued = await db.OutboxMessages.CountAsync(m => m.RunId == runId && m.Kind == MessageKind.Invitation, ct);
            var notified = await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == InvitationsHeld.KeyOf(runId), ct);
            _runs[runId] = new RunCount { Queued = queued, AdminsTold = notified };
        }

        return new RunInvitations(user => Queue(user, rails, runId, $"run:{runId}"));
    }

    private async Task<CompanyRails> RailsAsync(Guid companyId, CancellationToken ct)
    {
        if (!_rails.TryGetValue(companyId, out var rails))
        {
            var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, ct);
            _rails[companyId] = rails = CompanyRails.Of(company);
        }

        return rails;
    }

    private void Queue(DirectoryUser user, CompanyRails rails, Guid? runId, string cause)
    {
        var invitation = links.Issue(user, testOnly: rails.TestMode);
        string? held = null;
        if (!rails.TestMode && !rails.Allows(user.Email)) // in test mode the message goes to the admins, whatever the person's domain
        {
            held = HoldReasons.DomainNotAllowed;
        }
        else if (runId is { } run && ++_runs[run].Queued > rails.CapPerRun)
        {
            held = HoldReasons.OverRunCap;
            if (!_runs[run].AdminsTold)
            {
                _runs[run].AdminsTold = true;
                Queue(user.CompanyId, new InvitationsHeld(run, rails.CapPerRun));
            }
        }

        var message = Queue(user.CompanyId, MessageKind.Invitation, $"invitation:{user.Id}:{cause}", MailTopics.Invitation, null, user.Id, runId);
        message.InvitationId = invitation.Id;
        message.Held = held is not null;
        message.HeldReason = held;
        message.TestMode = rails.TestMode;
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

    /// <summary>Stores the notification's arguments, not its words: it is worded when sent, in the company's language then.</summary>
    private void Queue(Guid companyId, AdminNotification notification) => Queue(companyId, MessageKind.AdminNotification, notification.IdempotencyKey,
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

    private sealed class RunCount
    {
        public int Queued { get; set; }
        public bool AdminsTold { get; set; }
    }

    private sealed record CompanyRails(IReadOnlySet<string> Domains, bool TestMode, int CapPerRun)
    {
        public static CompanyRails Of(Company company) =>
            new(MailDomains.Parse(company.InvitationDomains), company.InvitationTestMode, company.InvitationCapPerRun);

        public bool Allows(string email) => Domains.Count == 0 || Domains.Contains(MailDomains.Of(email));
    }
}

/// <summary>What a message is about; admin notifications name the cause, invitations are one topic.</summary>
internal static class MailTopics
{
    public const string Invitation = "invitation";
    public const string ApprovalNeeded = "approval_needed";
    public const string CredentialsRejected = "credentials_rejected";
    public const string RunsFailing = "runs_failing";
    public const string AttributesUnreadable = "attributes_unreadable";
    public const string InvitationsHeld = "invitations_held";
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
