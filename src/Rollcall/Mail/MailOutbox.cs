using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Companies;
using Rollcall.Data.Outbox;
using Rollcall.Endpoints;

namespace Rollcall.Mail;

/// <summary>
/// What an admin sees and does with the company's mail: messages by state (failed ones with their last error), retry a
/// failed one, release or discard held ones, and the safety rails (domain allow-list, test mode, per-run cap).
/// </summary>
internal sealed class MailOutbox(RollcallDbContext db, TimeProvider time)
{
    public async Task<Paged<MailItem>> ListAsync(Guid companyId, MailFilter filter, PageRequest page, CancellationToken ct)
    {
        var query = db.OutboxMessages.AsNoTracking().Where(m => m.CompanyId == companyId);
        query = filter switch
        {
            MailFilter.Held => query.Where(m => m.Held && m.State == MessageState.Pending),
            MailFilter.Pending => query.Where(m => !m.Held && m.State == MessageState.Pending),
            MailFilter.Failed => query.Where(m => m.State == MessageState.Failed),
            MailFilter.Sent => query.Where(m => m.State == MessageState.Sent),
            MailFilter.Cancelled => query.Where(m => m.State == MessageState.Cancelled),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).Skip(page.Skip).Take(page.PageSize)
            .GroupJoin(db.DirectoryUsers, m => m.UserId, u => (Guid?)u.Id, (m, users) => new { m, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new { x.m, Name = u == null ? null : u.FirstName + " " + u.LastName, Email = u == null ? null : u.Email })
            .ToListAsync(ct);
        var items = rows.Select(r => new MailItem(r.m.Id, r.m.Kind, r.m.Topic, r.m.State, r.m.Held, r.m.HeldReason, r.m.TestMode, r.m.UserId, r.Name,
            r.Email, r.m.RunId, r.m.Attempts, r.m.CreatedAt, r.m.NextAttemptAt, r.m.SentAt, r.m.LastError)).ToList();
        return new Paged<MailItem>(items, page.Page, page.PageSize, total);
    }

    public async Task<MailCounts> CountsAsync(Guid companyId, CancellationToken ct)
    {
        var groups = await db.OutboxMessages.AsNoTracking().Where(m => m.CompanyId == companyId && m.State != MessageState.Cancelled)
            .GroupBy(m => new { m.State, m.Held }).Select(g => new { g.Key.State, g.Key.Held, Count = g.Count() }).ToListAsync(ct);
        int Of(MessageState state, bool held) => groups.Where(g => g.State == state && g.Held == held).Sum(g => g.Count);
        return new MailCounts(Of(MessageState.Pending, false), Of(MessageState.Pending, true), Of(MessageState.Failed, false) + Of(MessageState.Failed, true),
            Of(MessageState.Sent, false) + Of(MessageState.Sent, true));
    }

    /// <summary>A failed message goes back to the queue with a fresh count of attempts.</summary>
    public Task<Outcome<bool>> RetryAsync(Guid companyId, Guid messageId, CancellationToken ct) =>
        ChangeAsync(companyId, messageId, "not_failed", m => m.State == MessageState.Failed, m =>
        {
            m.State = MessageState.Pending;
            m.Attempts = 0;
            m.NextAttemptAt = Now();
        }, ct);

    /// <summary>A held message is sent after all (the admin vouches for the domain, or for going over the cap).</summary>
    public Task<Outcome<bool>> ReleaseAsync(Guid companyId, Guid messageId, CancellationToken ct) =>
        ChangeAsync(companyId, messageId, "not_held", m => m is { Held: true, State: MessageState.Pending }, m =>
        {
            m.Held = false;
            m.NextAttemptAt = Now();
        }, ct);

    public async Task<Outcome<bool>> DiscardAsync(Guid companyId, Guid messageId, CancellationToken ct)
    {
        var discarded = await ChangeAsync(companyId, messageId, "not_discardable",
            m => m.State is MessageState.Pending or MessageState.Failed && (m.Held || m.State == MessageState.Failed), m =>
            {
                m.State = MessageState.Cancelled;
                m.LastError = "Discarded by an admin.";
            }, ct);
        if (discarded.Problem is null)
        {
            // The link will never be sent: its token goes, only its hash stays.
            var invitationId = await db.OutboxMessages.Where(m => m.Id == messageId).Select(m => m.InvitationId).SingleAsync(ct);
            await db.Invitations.Where(i => i.Id == invitationId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ProtectedToken, (string?)null), ct);
        }

        return discarded;
    }

    /// <summary>Releases every message held for one reason (e.g. all invitations over a run's cap); returns how many.</summary>
    public async Task<int> ReleaseAllAsync(Guid companyId, string reason, CancellationToken ct)
    {
        var now = Now();
        return await db.OutboxMessages.Where(m => m.CompanyId == companyId && m.Held && m.State == MessageState.Pending && m.HeldReason == reason)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Held, false).SetProperty(m => m.NextAttemptAt, now), ct);
    }

    public async Task<MailSettings?> SettingsAsync(Guid companyId, CancellationToken ct) =>
        await db.Companies.AsNoTracking().Where(c => c.Id == companyId)
            .Select(c => new MailSettings(c.InvitationDomains, c.InvitationTestMode, c.InvitationCapPerRun)).SingleOrDefaultAsync(ct);

    public async Task<Outcome<MailSettings>> SaveSettingsAsync(Guid companyId, MailSettings settings, CancellationToken ct)
    {
        var (domains, notADomain) = MailDomains.Normalize(settings.AllowedDomains);
        if (notADomain is not null)
        {
            return ProblemCodes.Invalid("invalid_domain", notADomain);
        }

        if (settings.InvitationCapPerRun is < 1 or > 100_000)
        {
            return ProblemCodes.Invalid("invalid_cap");
        }

        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == companyId, ct);
        if (company is null)
        {
            return ProblemCodes.NotFound("not_found.no_company");
        }

        company.InvitationDomains = domains;
        company.InvitationTestMode = settings.TestMode;
        company.InvitationCapPerRun = settings.InvitationCapPerRun;
        await db.SaveChangesAsync(ct);
        return new MailSettings(company.InvitationDomains, company.InvitationTestMode, company.InvitationCapPerRun);
    }

    private async Task<Outcome<bool>> ChangeAsync(Guid companyId, Guid messageId, string problem, Func<OutboxMessage, bool> allowed,
        Action<OutboxMessage> change, CancellationToken ct)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.CompanyId == companyId && m.Id == messageId, ct);
        if (message is null)
        {
            return ProblemCodes.NotFound("not_found.message");
        }

        if (!allowed(message))
        {
            return ProblemCodes.Conflict(problem);
        }

        change(message);
        message.ClaimedBy = null;
        message.ClaimedUntil = null;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}

public enum MailFilter
{
    All,
    Pending,
    Held,
    Failed,
    Sent,
    Cancelled,
}

/// <summary>A message as admins see it: never the link or its token.</summary>
internal sealed record MailItem(
    Guid Id, MessageKind Kind, string? Topic, MessageState State, bool Held, string? HeldReason, bool TestMode, Guid? UserId, string? UserName,
    string? UserEmail, Guid? RunId, int Attempts, DateTime CreatedAt, DateTime NextAttemptAt, DateTime? SentAt, string? LastError);

internal sealed record MailCounts(int Pending, int Held, int Failed, int Sent);

/// <summary>The company's invitation safety rails.</summary>
public sealed record MailSettings(string? AllowedDomains, bool TestMode, int InvitationCapPerRun = Company.DefaultInvitationCapPerRun);
