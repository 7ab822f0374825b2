using System.Diagnostics;
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
/// one is skipped by the others until the claim lapses), its invitations are prepared with a few reads for the whole batch,
/// each message is rendered and handed to the delivery's session (one SMTP connection for the pass), and the outcomes are
/// recorded a group at a time (<see cref="MailOutcomes"/>). The claim is renewed for the whole batch in one UPDATE once
/// it is half spent, or sooner if what is left could not cover one send. Failures wait with exponential backoff and jitter
/// and are given up after <see cref="MailOptions.MaxAttempts"/>. On shutdown the message in hand is finished, the outcomes
/// so far are recorded and the rest of the batch is released for the next node or start.
/// </summary>
/// <remarks>
/// Delivery is at least once: if the process dies (or the database fails) between the SMTP server accepting messages and
/// their group being recorded, those messages are sent again after the claim lapses, with the same Message-IDs (ADR-009,
/// ADR-026).
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
        var o = options.Value;
        var summary = new DispatchSummary();
        var failuresInARow = 0;
        var outcomes = new MailOutcomes(db, invitations, time);
        // One session for the whole pass: SMTP sends every batch over one connection (renewed as the relay allows).
        await using var session = delivery.Open();
        while (!stopping.IsCancellationRequested)
        {
            var claim = $"{Node}/{Guid.NewGuid():N}";
            // The database's clock judges claims, and it is the real one even under a test's fake clock: the claim's age is
            // measured on this machine's monotonic clock, not on the TimeProvider.
            var claimedAt = Stopwatch.GetTimestamp();
            var batch = await ClaimAsync(claim, CancellationToken.None); // a claim once made is always worked through or released
            // Claimed and not yet recorded: what the claim still has to cover.
            var ours = batch.Select(m => m.Id).ToHashSet();
            var letters = await invitations.PrepareAsync(batch, Now(), CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                // On shutdown, or when the server keeps failing (down, or dropping connections until a timeout), the rest of
                // the batch waits for the next round instead of each message spending an attempt and a timeout now.
                if (stopping.IsCancellationRequested || failuresInARow >= GiveUpRoundAfter)
                {
                    await outcomes.RecordAsync(claim);
                    await ReleaseAsync(claim, batch.Skip(i).Select(m => m.Id).Where(ours.Contains).ToList());
                    return summary;
                }

                // The claim must outlast the next send and the group's recording: renewed for all its messages at once.
                if (Stopwatch.GetElapsedTime(claimedAt) >= RenewAfter(o))
                {
                    claimedAt = Stopwatch.GetTimestamp();
                    ours = await RenewAsync(claim, ours);
                }

                var message = batch[i];
                if (!ours.Contains(message.Id))
                {
                    continue; // cancelled (an admin's resend) or taken over meanwhile
                }

                var outcome = await SendAsync(session, message, letters.GetValueOrDefault(message.Id));
                outcomes.Add(outcome);
                summary.Count(outcome.Result);
                metrics.Handled(message, outcome.Result, Now());
                failuresInARow = outcome.Result == SendResult.Retrying ? failuresInARow + 1 : 0;
                if (outcomes.Count >= o.OutcomeGroupSize || outcomes.Age >= o.OutcomeGroupAge)
                {
                    ours.ExceptWith(await outcomes.RecordAsync(claim));
                }
            }

            await outcomes.RecordAsync(claim);
            if (batch.Count < o.BatchSize)
            {
                break;
            }
        }

        return summary;
    }

    /// <summary>
    /// How long a claim may run before it is renewed: half of it, or less when the other half could not cover one send
    /// (<see cref="MailOptions.SendBudget"/>): then before every message, as a claim must never lapse under a send.
    /// </summary>
    private static TimeSpan RenewAfter(MailOptions o)
    {
        var keep = o.ClaimDuration / 2 > o.SendBudget ? o.ClaimDuration / 2 : o.SendBudget;
        return o.ClaimDuration > keep ? o.ClaimDuration - keep : TimeSpan.Zero;
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

    /// <summary>
    /// Extends the claim on all of the batch's messages still pending under it (unsent, and sent but not yet recorded) in
    /// one UPDATE; returns those still ours. Only when fewer were extended than expected is the database asked which.
    /// </summary>
    private async Task<HashSet<Guid>> RenewAsync(string claim, HashSet<Guid> ours)
    {
        var until = await clock.UtcNowAsync(CancellationToken.None) + options.Value.ClaimDuration;
        var renewed = await db.OutboxMessages.Where(m => m.ClaimedBy == claim && m.State == MessageState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until), CancellationToken.None);
        return renewed == ours.Count
            ? ours
            : (await db.OutboxMessages.Where(m => m.ClaimedBy == claim && m.State == MessageState.Pending).Select(m => m.Id).ToListAsync()).ToHashSet();
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

    private async Task<MailOutcome> SendAsync(IMailSession session, OutboxMessage message, InvitationLetter? letter)
    {
        // Not cancelled by shutdown: a message in hand is finished and recorded, so it is neither lost nor sent twice.
        using var timeout = new CancellationTokenSource(options.Value.SendBudget, time);
        var ct = timeout.Token;
        try
        {
            var (company, admins) = await CompanyAsync(message.CompanyId, ct);
            MimeMessage mime;
            if (message.Kind == MessageKind.Invitation)
            {
                letter ??= InvitationLetter.Cancel("The user or the invitation no longer exists.");
                if (letter.NotWanted is { } reason)
                {
                    return new MailOutcome(message, MessageState.Cancelled, reason, letter);
                }

                if (letter.Unsendable is { } broken)
                {
                    throw new MailDeliveryException(broken, permanent: true);
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
            if (log.IsEnabled(LogLevel.Information))
            {
                var recipients = string.Join(", ", mime.To.Mailboxes.Select(m => Redact.Email(m.Address)));
                LogSent(log, message.Kind, message.Id, recipients);
            }

            return new MailOutcome(message, MessageState.Sent, Letter: letter);
        }
        catch (Exception e) // one bad message (an unparsable address, a refused recipient) must not stop the others
        {
            var permanent = e is MailDeliveryException { Permanent: true };
            var error = Redact.EmailsIn(e is OperationCanceledException ? "Sending took too long and was abandoned." : e.Message);
            var attempts = message.Attempts + 1;
            if (permanent || attempts >= options.Value.MaxAttempts)
            {
                LogGivenUp(log, message.Kind, message.Id, attempts, error);
                return new MailOutcome(message, MessageState.Failed, error);
            }

            var next = Now() + Backoff(attempts);
            LogRetry(log, message.Kind, message.Id, attempts, next, error);
            return new MailOutcome(message, MessageState.Pending, error, NextAttemptAt: next);
        }
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
