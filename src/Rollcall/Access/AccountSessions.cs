using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Access;

namespace Rollcall.Access;

/// <summary>
/// Server-side sessions: every sign-in starts a row in <c>AccountSessions</c> and the cookie carries its id. A cookie whose
/// session has ended (signed out, all sessions of the account ended, absolute lifetime over) no longer signs anyone in,
/// even if it was copied before.
/// </summary>
internal sealed class AccountSessions(RollcallDbContext db, TimeProvider time, IOptions<AccessOptions> options)
{
    /// <summary>LastSeenAt is written at most this often, so browsing is not a write per request.</summary>
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    public async Task<AccountSession> StartAsync(Guid accountId, string method, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var session = new AccountSession
        {
            Id = Guid.NewGuid(), AccountId = accountId, SignInMethod = method, CreatedAt = now, LastSeenAt = now,
            ExpiresAt = now + options.Value.SessionLifetime,
        };
        db.AccountSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>
    /// The session for a sign-in: the current one when the same account signs in again over a live session (a refresh after a
    /// password or two-factor change), else a new one.
    /// </summary>
    private async Task<AccountSession> ContinueOrStartAsync(ClaimsPrincipal current, Guid accountId, string method, CancellationToken ct)
    {
        if (current.SessionId() is { } existing && current.AccountIdOrNull() == accountId && await TouchAsync(existing, accountId, ct))
        {
            return await db.AccountSessions.AsNoTracking().FirstAsync(s => s.Id == existing, ct);
        }

        return await StartAsync(accountId, method, ct);
    }

    /// <summary>Whether the session is live for this account; notes that it was seen.</summary>
    public async Task<bool> TouchAsync(Guid sessionId, Guid accountId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var session = await db.AccountSessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || session.AccountId != accountId || session.EndedAt is not null || session.ExpiresAt <= now)
        {
            return false;
        }

        if (now - session.LastSeenAt >= SeenResolution)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    public async Task EndAsync(Guid sessionId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.AccountSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
    }

    /// <summary>Ends every live session of the account but <paramref name="keep"/> (a password or two-factor change).</summary>
    public async Task<int> EndOthersAsync(Guid accountId, Guid? keep, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.AccountSessions.Where(s => s.AccountId == accountId && s.EndedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
    }

    /// <summary>How the principal being signed in got there, from Identity's claims: an identity provider, password and code, or password.</summary>
    public static string MethodOf(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.AuthenticationMethod) is { } provider ? $"oidc:{provider}"
        : principal.HasClaim("amr", "mfa") ? "password+totp"
        : "password";

    /// <summary>Claims that Identity's periodic refresh of the principal would drop: the session id and how the session was signed in.</summary>
    public static Task CarryOver(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity fresh && context.CurrentPrincipal is { } current)
        {
            foreach (var type in (string[])[RollcallClaims.Session, ClaimTypes.AuthenticationMethod, "amr"])
            {
                if (current.FindFirst(type) is { } claim && !fresh.HasClaim(c => c.Type == type))
                {
                    fresh.AddClaim(new Claim(type, claim.Value));
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Cookie events: a session starts at sign-in (or a refresh of it carries the current one on) and is checked on every request.</summary>
    public static void Attach(CookieAuthenticationEvents events)
    {
        var signingIn = events.OnSigningIn;
        events.OnSigningIn = async context =>
        {
            await signingIn(context);
            if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(ClaimTypes.NameIdentifier) is not { } id)
            {
                return;
            }

            var accountId = Guid.Parse(id.Value);
            var sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessions>();
            var session = await sessions.ContinueOrStartAsync(context.HttpContext.User, accountId, MethodOf(context.Principal), context.HttpContext.RequestAborted);
            identity.AddClaim(new Claim(RollcallClaims.Session, session.Id.ToString()));
            context.Properties.ExpiresUtc = new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero);
            context.Properties.AllowRefresh = false;
        };

        var validating = events.OnValidatePrincipal;
        events.OnValidatePrincipal = async context =>
        {
            var principal = context.Principal;
            if (principal?.SessionId() is not { } sessionId || principal.AccountIdOrNull() is not { } accountId
                || !await context.HttpContext.RequestServices.GetRequiredService<AccountSessions>().TouchAsync(sessionId, accountId, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }

            await validating(context);
        };
    }
}
