using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Rollcall.Data;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Mail.Notifications;

namespace Rollcall.Mail;

/// <summary>
/// Sends what the outbox holds. A batch is claimed with one conditional UPDATE (safe with several nodes: a row claimed by
/// one is skipped by the others until the claim lapses), each message is rendered, handed to the delivery's session (one
/// SMTP connection for the pass) and recorded as sent at once. Failures wait with exponential backoff and jitter and are given up after <see cref="MailOptions.MaxAttempts"/>.
/// On shutdown the message in hand is finished and the rest of the batch is released for the next node or start.
/// </summary>
/// <remarks>
/// Delivery is at least once: if the process dies between the SMTP server accepting a message and the row being marked,
/// the message is sent again after the claim lapses, with the same Message-ID (ADR-009).
/// </remarks>
internal sealed partial class MailDispatcher(
    RollcallDbContext db, DatabaseClock clock, IMailDelivery delivery, MailComposer composer, IInvitationLetters invitations, TimeProvider time,
    IOptions<MailOptions> options, MailMetrics metrics, ILogger<MailDispatcher> log)
{
    private static readonly string Node = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>Transient failures in a row after which a round stops: the server is most likely down for all.</summary>
    private const int GiveUpRoundAfter = 3;
    // One dispatcher pass reads each company and its admins once, not once per message.
    private readonly Dictionary<Guid, (Company Company, List<MailboxAddress> Admins)> _companies = [];

    public async Task<DispatchSummary> DispatchAsync(CancellationToken stopping)
    {
        var summary = new DispatchSummary();
        var failuresInARow = 0;
        // One session for the whole pass: SMTP sends every batch over one connection (renewed as the relay allows).
        await using var session = delivery.Open();
        while (!stopping.IsCancellationRequested)
        {
            var claim = $"{Node}/{Guid.NewGuid():N}";
            var batch = await ClaimAsync(claim, CancellationToken.None); // a claim once made is always worked through or released
            for (var i = 0; i < batch.Count; i++)
            {
                // On shutdown, or when the server keeps failing (down, or dropping connections until a timeout), the rest of
                // the batch waits for the next round instead of each message spending an attempt and a timeout now.
                if (stopping.IsCancellationRequested || failuresInARow >= GiveUpRoundAfter)
                {
                    await ReleaseAsync(claim, batch.Skip(i).Select(m => m.Id).ToList());
                    return summary;
                }

                // Each message gets a fresh claim window before it is sent: a slow batch never outlives its claim.
                if (await RenewAsync(batch[i].Id, claim))
                {
                    var result = await SendAsync(session, batch[i], claim);
                    summary.Count(result);
                    metrics.Handled(batch[i], result, Now());
                    failuresInARow = result == SendResult.Retrying ? failuresInARow + 1 : 0;
                }
            }

            if (batch.Count < options.Value.BatchSize)
            {
                break;
            }
        }

        return summary;
    }

    internal async Task<List<OutboxMessage>> ClaimAsync(string claim, CancellationToken ct)
    {
        var now = Now();
        var databaseNow = await clock.UtcNowAsync(ct);
        var until = databaseNow + options.Value.ClaimDuration;
        var due = await Due(now, databaseNow).OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(options.Value.BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return [];
        }

        // The condition is evaluated again under the row lock: of two nodes racing for a row, one updates it.
        await Due(now, databaseNow).Where(m => due.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, until), ct);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimedBy == claim).OrderBy(m => m.NextAttemptAt).ToListAsync(ct);
    }

    private async Task<bool> RenewAsync(Guid id, string claim)
    {
        var until = await clock.UtcNowAsync(CancellationToken.None) + options.Value.ClaimDuration;
        return await db.OutboxMessages.Where(m => m.Id == id && m.ClaimedBy == claim && m.State == MessageState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until), CancellationToken.None) == 1;
    }

    /// <summary>
    /// Not claimed by another node, judged by the database's clock (claims are the exclusion between nodes, and nodes'
    /// clocks may disagree), and due: a schedule written by some node's clock, so due when this node's clock or the
    /// database's says so; a node whose clock lags still sends what others queued.
    /// </summary>
    private IQueryable<OutboxMessage> Due(DateTime now, DateTime databaseNow)
    {
        var dueBy = now > databaseNow ? now : databaseNow;
        return db.OutboxMessages.Where(m =>
            m.State == MessageState.Pending && !m.Held && m.NextAttemptAt <= dueBy && (m.ClaimedUntil == null || m.ClaimedUntil < databaseNow));
    }

    private async Task<SendResult> SendAsync(IMailSession session, OutboxMessage message, string claim)
    {
        // Not cancelled by shutdown: a message in hand is finished and recorded, so it is neither lost nor sent twice.
        using var timeout = new CancellationTokenSource(options.Value.SendBudget, time);
        var ct = timeout.Token;
        InvitationLetter? letter = null;
        var delivered = false;
        try
        {
            var (company, admins) = await CompanyAsync(message.CompanyId, ct);
            MimeMessage mime;
            if (message.Kind == MessageKind.Invitation)
            {
                letter = await invitations.PrepareAsync(message, Now(), ct);
                if (letter.NotWanted is { } reason)
                {
                    await FinishAsync(message, claim, MessageState.Cancelled, reason, letter);
                    return SendResult.Cancelled;
                }

                if (message.TestMode && admins.Count == 0)
                {
                    throw new MailDeliveryException("Test mode is on but the company has no admin to send the invitation to.", permanent: true);
                }

                mime = composer.Invitation(message, company, letter.Recipient!, letter.Link!, letter.ExpiresAt, admins);
            }
            else
            {
                mime = admins.Count > 0 || AdminNotifications.Read(message.Topic, message.Detail)?.PersonalRecipient is not null
                    ? composer.Notification(message, company, admins)
                    : throw new MailDeliveryException("The company has no admin to send the notification to.", permanent: true);
            }

            await session.SendAsync(mime, ct);
            delivered = true;
            await FinishAsync(message, claim, MessageState.Sent, null, letter);
            if (log.IsEnabled(LogLevel.Information))
            {
                var recipients = string.Join(", ", mime.To.Mailboxes.Select(m => Redact.Email(m.Address)));
                LogSent(log, message.Kind, message.Id, recipients);
            }

            return SendResult.Sent;
        }
        catch (Exception e) when (delivered)
        {
            // Sent, but not recorded: one more try to record it; if the database is still away, the claim lapses and
            // the message goes again with the same Message-ID (the at-least-once window, ADR-009).
            LogNotRecorded(log, message.Kind, message.Id, e.GetType().Name);
            await FinishAsync(message, claim, MessageState.Sent, null, letter);
            return SendResult.Sent;
        }
        catch (Exception e) // one bad message (an unparsable address, a refused recipient) must not stop the others
        {
            var permanent = e is MailDeliveryException { Permanent: true };
            var error = Redact.EmailsIn(e is OperationCanceledException ? "Sending took too long and was abandoned." : e.Message);
            var attempts = message.Attempts + 1;
            if (permanent || attempts >= options.Value.MaxAttempts)
            {
                await FinishAsync(message, claim, MessageState.Failed, error, null);
                LogGivenUp(log, message.Kind, message.Id, attempts, error);
                return SendResult.Failed;
            }

            var next = Now() + Backoff(attempts);
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedBy == claim).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            LogRetry(log, message.Kind, message.Id, attempts, next, error);
            return SendResult.Retrying;
        }
    }

    /// <summary>
    /// Records the outcome, only while the message is still ours and pending (a lapsed claim belongs to another node; an
    /// admin's resend may have cancelled it meanwhile). A sent or cancelled invitation's token is dropped: only its hash stays.
    /// </summary>
    private async Task FinishAsync(OutboxMessage message, string claim, MessageState state, string? error, InvitationLetter? letter)
    {
        var now = Now();
        await db.InTransactionAsync(async (_, c) =>
        {
            var recorded = await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedBy == claim && m.State == MessageState.Pending).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, state)
                .SetProperty(m => m.Attempts, message.Attempts + (state == MessageState.Cancelled ? 0 : 1))
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.SentAt, state == MessageState.Sent ? now : null)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), c);
            if (recorded == 1 && message.Kind == MessageKind.Invitation)
            {
                await invitations.RecordAsync(message, state, letter, c);
            }
        }, CancellationToken.None);
    }

    private async Task ReleaseAsync(string claim, List<Guid> ids) =>
        await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.ClaimedBy == claim).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);

    /// <summary>Base delay doubled per attempt, capped, ±20 % jitter so that many failed messages do not retry in step.</summary>
    internal TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var exponential = o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(exponential, o.RetryMaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // jitter, not security
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
#pragma warning restore CA5394
    }

    private async Task<(Company Company, List<MailboxAddress> Admins)> CompanyAsync(Guid id, CancellationToken ct)
    {
        if (!_companies.TryGetValue(id, out var known))
        {
            var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == id, ct);
            var admins = (await db.DirectoryUsers.AsNoTracking()
                    .Where(u => u.CompanyId == id && u.Role == UserRole.Admin && u.Status != UserStatus.Deactivated)
                    .OrderBy(u => u.Email).Select(u => new { u.FirstName, u.LastName, u.Email }).ToListAsync(ct))
                .Select(a => new MailboxAddress($"{a.FirstName} {a.LastName}", a.Email)).ToList();
            known = (company, admins);
            _companies[id] = known;
        }

        return known;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Kind} message {MessageId} to {Recipients}")]
    private static partial void LogSent(ILogger logger, MessageKind kind, Guid messageId, string recipients);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} message {MessageId} was sent but recording it failed ({Error}); trying once more")]
    private static partial void LogNotRecorded(ILogger logger, MessageKind kind, Guid messageId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} message {MessageId} failed (attempt {Attempts}), next try at {Next:O}: {Error}")]
    private static partial void LogRetry(ILogger logger, MessageKind kind, Guid messageId, int attempts, DateTime next, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} message {MessageId} given up after {Attempts} attempt(s): {Error}")]
    private static partial void LogGivenUp(ILogger logger, MessageKind kind, Guid messageId, int attempts, string error);
}

internal enum SendResult
{
    Sent,
    Retrying,
    Failed,
    Cancelled,
}

internal sealed class DispatchSummary
{
    public int Sent { get; private set; }
    public int Retrying { get; private set; }
    public int Failed { get; private set; }
    public int Cancelled { get; private set; }

    public void Count(SendResult result)
    {
        switch (result)
        {
            case SendResult.Sent: Sent++; break;
            case SendResult.Retrying: Retrying++; break;
            case SendResult.Failed: Failed++; break;
            default: Cancelled++; break;
        }
    }
}
