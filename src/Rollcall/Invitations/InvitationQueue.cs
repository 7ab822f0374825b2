using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Mail;
using Rollcall.Mail.Notifications;

namespace Rollcall.Invitations;

/// <summary>
/// Issues an invitation and queues its message, in the caller's transaction (the caller saves). The company's safety
/// rails apply here, when an invitation is queued: outside the domain allow-list or over the run's cap it is held
/// for an admin; in test mode it is marked to go to the admins instead.
/// </summary>
internal sealed class InvitationQueue(RollcallDbContext db, MailQueue mail, InvitationLinks links)
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
    /// <param name="recount">Counts again from the database: a batch retried after a rollback must not count its first attempt.</param>
    public async Task<RunInvitations> ForRunAsync(Guid companyId, Guid runId, CancellationToken ct, bool recount = false)
    {
        var rails = await RailsAsync(companyId, ct);
        if (recount || !_runs.ContainsKey(runId))
        {
            // Counted from the database: a run resumed after a crash keeps counting where it stopped. Past the cap the
            // exact number does not matter (every further invitation is held), so the count stops there: a first sync of
            // thousands counts at most cap + 1 rows per batch, not every invitation the run queued so far.
            var queued = await db.OutboxMessages.Where(m => m.RunId == runId && m.Kind == MessageKind.Invitation).Take(rails.CapPerRun + 1).CountAsync(ct);
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
                mail.Queue(user.CompanyId, new InvitationsHeld(run, rails.CapPerRun));
            }
        }

        mail.QueueInvitation(user, invitation.Id, runId, cause, held, rails.TestMode);
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
