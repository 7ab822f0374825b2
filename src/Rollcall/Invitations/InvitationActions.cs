using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Access;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Endpoints;

namespace Rollcall.Invitations;

/// <summary>
/// The life of an invitation after it is queued: an admin resends it (the old link dies), the person accepts it (sets a
/// password, becomes active), or asks for a new link when theirs expired (sent to the address on record, once per link).
/// </summary>
internal sealed class InvitationActions(RollcallDbContext db, InvitationLinks links, InvitationQueue queue, UserManager<Account> accounts, TimeProvider time)
{
    public async Task<Outcome<bool>> ResendAsync(Guid companyId, Guid userId, ChangeCause admin, CancellationToken ct)
    {
        var user = await db.DirectoryUsers.SingleOrDefaultAsync(u => u.CompanyId == companyId && u.Id == userId, ct);
        if (user is null)
        {
            return ProblemCodes.NotFound("not_found.user_in_company");
        }

        if (user.Status != UserStatus.Invited)
        {
            return ProblemCodes.Conflict("not_invited");
        }

        var resend = $"resend:{Guid.NewGuid()}";
        return await db.InTransactionAsync(async (_, c) =>
        {
            var replaced = await RevokeOpenLinksAsync(user.Id, c);
            await queue.InviteAsync(user, resend, c);
            db.AuditEntries.Add(new AuditEntry
            {
                CompanyId = companyId, UserId = user.Id, At = Now(), CauseKind = admin.Kind, CauseId = admin.Id, CauseName = admin.Name,
                Action = AuditActions.InvitationResent,
            });
            await db.SaveChangesAsync(c);
            return replaced > 0;
        }, ct);
    }

    /// <summary>
    /// Accepts the invitation behind <paramref name="token"/>: a new login with <paramref name="password"/>, or, when the
    /// address already has a Rollcall login, only for someone signed in as it (<paramref name="signedInAccountId"/>), so a
    /// link never hands anyone an existing login. Link, account and user are changed in one transaction, each under a
    /// condition, so a concurrent deactivation, resend or second submit wins or loses cleanly.
    /// </summary>
    public async Task<AcceptResult> AcceptAsync(string token, string password, Guid? signedInAccountId, CancellationToken ct)
    {
        var found = await links.FindAsync(token, ct);
        if (found is not { State: LinkState.Valid, Invitation: { } invitation, User: { } user })
        {
            return new AcceptResult(found.State, false, []);
        }

        var account = await accounts.FindByEmailAsync(user.Email);
        if (account is not null && account.Id != signedInAccountId)
        {
            return new AcceptResult(LinkState.Valid, true, [], LoginRequired: true);
        }

        var userId = user.Id;
        var stamp = user.ConcurrencyStamp;
        var firstAttempt = true;
        return await db.InTransactionAsync(async (unit, c) =>
        {
            var now = Now();
            var claimed = await db.Invitations.Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.ProtectedToken, (string?)null), c);
            if (claimed == 0)
            {
                return new AcceptResult(LinkState.Used, false, []);
            }

            // A retry after a blip starts from an empty change tracker: the user is read again, and still must be the one the link was checked against.
            var person = firstAttempt ? user : await db.DirectoryUsers.SingleOrDefaultAsync(u => u.Id == userId, c);
            firstAttempt = false;
            var login = account ?? (person is null ? null : await accounts.FindByEmailAsync(person.Email));
            if (person is null || person.ConcurrencyStamp != stamp || (login is not null && login.Id != signedInAccountId))
            {
                unit.RollBack();
                return new AcceptResult((await links.FindAsync(token, c)).State is LinkState.Valid ? LinkState.Replaced : LinkState.Withdrawn, false, []);
            }

            var existing = login is not null;
            if (login is null)
            {
                login = new Account { Id = Guid.NewGuid(), UserName = person.Email, Email = person.Email, EmailConfirmed = true, CreatedAt = now };
                var created = await accounts.CreateAsync(login, password);
                if (!created.Succeeded)
                {
                    unit.RollBack();
                    return new AcceptResult(LinkState.Valid, false, created.Errors.Select(e => e.Description).ToList());
                }
            }

            db.Cause = new ChangeCause(ChangeCauseKind.Person, person.Id.ToString(), "invitation accepted");
            person.Status = UserStatus.Active;
            person.AcceptedAt = now;
            person.AccountId = login.Id;
            try
            {
                // The user's concurrency stamp: a sync or an admin that changed the user since it was read wins.
                await db.SaveChangesAsync(c);
            }
            catch (DbUpdateConcurrencyException)
            {
                unit.RollBack();
                return new AcceptResult((await links.FindAsync(token, c)).State is LinkState.Valid ? LinkState.Replaced : LinkState.Withdrawn, false, []);
            }

            return new AcceptResult(LinkState.Used, existing, []);
        }, ct);
    }

    /// <summary>A new link to the address on record for an expired one; once per expired link, so the button cannot flood anyone.</summary>
    public async Task<LinkState> RequestNewAsync(string token, CancellationToken ct)
    {
        var found = await links.FindAsync(token, ct);
        if (found is not { State: LinkState.Expired, Invitation: { } expired, User: { } user })
        {
            return found.State;
        }

        await db.InTransactionAsync(async (_, c) =>
        {
            var now = Now();
            var first = await db.Invitations.Where(i => i.Id == expired.Id && i.RenewalRequestedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.RenewalRequestedAt, now), c);
            if (first == 0)
            {
                return; // a second press (or a double click): the first one sent the link
            }

            await RevokeOpenLinksAsync(user.Id, c);
            await queue.InviteAsync(user, $"renewal:{expired.Id}", c);
            await db.SaveChangesAsync(c);
        }, ct);

        return LinkState.Replaced;
    }

    /// <summary>Revokes the user's open links and cancels their unsent messages, so an old message never goes out with a dead link.</summary>
    private async Task<int> RevokeOpenLinksAsync(Guid userId, CancellationToken ct)
    {
        var now = Now();
        var open = await db.Invitations.Where(i => i.UserId == userId && i.AcceptedAt == null && i.RevokedAt == null).Select(i => i.Id).ToListAsync(ct);
        await db.Invitations.Where(i => open.Contains(i.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now).SetProperty(i => i.ProtectedToken, (string?)null), ct);
        await db.OutboxMessages.Where(m => m.InvitationId != null && open.Contains(m.InvitationId.Value) && m.State == MessageState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MessageState.Cancelled).SetProperty(m => m.LastError, "Replaced by a newer invitation."), ct);
        return open.Count;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}

/// <summary>What accepting did; <see cref="LoginRequired"/>: the address has a login already, and its owner must sign in to accept.</summary>
internal sealed record AcceptResult(LinkState State, bool ExistingAccount, IReadOnlyList<string> PasswordErrors, bool LoginRequired = false);
