using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Personio;
using Rollcall.Mail;
using Rollcall.Personio;
using Rollcall.Reasons;

namespace Rollcall.Webhooks;

/// <summary>
/// A company's webhook token and its registration in Personio, for the JSON API and the page alike: issue or rotate
/// (the token is returned once; Rollcall registers it in Personio when it can), revoke, and what to remove on
/// disconnect. Token columns are written with single updates, so an admin's concurrent edit of the integration or a
/// running sync never conflicts with them.
/// </summary>
internal sealed partial class WebhookRegistration(
    RollcallDbContext db, PersonioClient personio, PersonioSecrets secrets, IOptions<MailOptions> mail, IOptions<WebhookTokenOptions> options,
    TimeProvider time, ILogger<WebhookRegistration> logger)
{
    /// <summary>Where Personio is to deliver the company's events.</summary>
    public Uri ReceiverUrl(Guid companyId) => mail.Value.LinkTo($"hooks/personio/{companyId}");

    public async Task<WebhookStatus> StatusAsync(Guid companyId, CancellationToken ct)
    {
        var integration = await db.PersonioIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.CompanyId == companyId, ct)
            ?? new PersonioIntegration { CompanyId = companyId };
        return WebhookStatus.Of(integration, ReceiverUrl(companyId), time.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// A new token (the only time it is seen); the one before stays valid for <see cref="WebhookTokenOptions.TokenOverlap"/>.
    /// The token counts before Personio hears of it, so a delivery sent right after registering is accepted.
    /// </summary>
    public async Task<(string Token, WebhookStatus Status)> IssueAsync(Guid companyId, CancellationToken ct)
    {
        var token = WebhookToken.Issue();
        var hash = WebhookToken.Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        var overlap = options.Value.TokenOverlap;
        DateTime? until = now + overlap;
        await EnsureIntegrationAsync(companyId, ct);
        var integrations = db.PersonioIntegrations.Where(i => i.CompanyId == companyId);
        if (overlap > TimeSpan.Zero)
        {
            await integrations.ExecuteUpdateAsync(s => s
                .SetProperty(i => i.WebhookPreviousTokenHash, i => i.WebhookTokenHash)
                .SetProperty(i => i.WebhookPreviousTokenUntil, i => i.WebhookTokenHash == null ? null : until)
                .SetProperty(i => i.WebhookTokenHash, hash), ct);
        }
        else
        {
            await integrations.ExecuteUpdateAsync(s => s
                .SetProperty(i => i.WebhookPreviousTokenHash, (string?)null)
                .SetProperty(i => i.WebhookPreviousTokenUntil, (DateTime?)null)
                .SetProperty(i => i.WebhookTokenHash, hash), ct);
        }

        var integration = await db.PersonioIntegrations.AsNoTracking().SingleAsync(i => i.CompanyId == companyId, ct);
        var (webhookId, problem) = await RegisterAsync(integration, token, ct);
        await integrations.ExecuteUpdateAsync(s => s
            .SetProperty(i => i.WebhookId, webhookId)
            .SetProperty(i => i.WebhookRegisteredAt, problem is null ? now : integration.WebhookRegisteredAt)
            .SetProperty(i => i.WebhookProblem, problem), ct);
        LogIssued(logger, companyId, problem is null ? "registered" : problem.Key);
        return (token, await StatusAsync(companyId, ct));
    }

    /// <summary>No token is accepted any more; Rollcall's webhook in Personio is deleted (best effort).</summary>
    public async Task RevokeAsync(Guid companyId, CancellationToken ct)
    {
        if (await db.PersonioIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.CompanyId == companyId, ct) is not { } integration)
        {
            return;
        }

        await RemoveFromPersonioAsync(integration, ct);
        await db.PersonioIntegrations.Where(i => i.CompanyId == companyId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.WebhookTokenHash, (string?)null)
            .SetProperty(i => i.WebhookPreviousTokenHash, (string?)null)
            .SetProperty(i => i.WebhookPreviousTokenUntil, (DateTime?)null)
            .SetProperty(i => i.WebhookId, (string?)null)
            .SetProperty(i => i.WebhookRegisteredAt, (DateTime?)null)
            .SetProperty(i => i.WebhookProblem, (Reason?)null), ct);
        LogRevoked(logger, companyId);
    }

    /// <summary>
    /// Deletes Rollcall's webhook in Personio with the integration's stored credentials, when it registered one and the
    /// credentials still work; a failure is logged and otherwise ignored (the next registration finds it by its URL).
    /// </summary>
    public async Task RemoveFromPersonioAsync(PersonioIntegration integration, CancellationToken ct)
    {
        if (integration.WebhookId is not { } id || integration.State != IntegrationState.Connected || secrets.Read(integration).Credentials is not { } credentials)
        {
            return;
        }

        try
        {
            await personio.DeleteWebhookAsync(credentials, id, ct);
        }
        catch (PersonioException e)
        {
            LogNotRemoved(logger, integration.CompanyId, e.Reason.English());
        }
    }

    /// <summary>The webhook id Personio has for the token now, and the problem if it could not be registered.</summary>
    private async Task<(string? WebhookId, Reason? Problem)> RegisterAsync(PersonioIntegration integration, string token, CancellationToken ct)
    {
        var url = ReceiverUrl(integration.CompanyId);
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return (integration.WebhookId, new Reason("webhook.not_https", mail.Value.PublicBaseUrl.GetLeftPart(UriPartial.Authority)));
        }

        if (integration.State != IntegrationState.Connected || secrets.Read(integration).Credentials is not { } credentials)
        {
            return (integration.WebhookId, new Reason("webhook.not_connected"));
        }

        try
        {
            return (await personio.RegisterWebhookAsync(credentials, url, token, integration.WebhookId, ct), null);
        }
        catch (PersonioException e) when (e.Failure == PersonioFailure.MissingPermission)
        {
            return (integration.WebhookId, new Reason("webhook.scope_missing"));
        }
        catch (PersonioException e)
        {
            return (integration.WebhookId, new Reason("webhook.registration_failed", e.Reason));
        }
    }

    private async Task EnsureIntegrationAsync(Guid companyId, CancellationToken ct)
    {
        if (!await db.PersonioIntegrations.AnyAsync(i => i.CompanyId == companyId, ct))
        {
            db.PersonioIntegrations.Add(new PersonioIntegration { CompanyId = companyId });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Webhook token issued for company {CompanyId} ({Registration})")]
    private static partial void LogIssued(ILogger logger, Guid companyId, string registration);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Webhook token revoked for company {CompanyId}")]
    private static partial void LogRevoked(ILogger logger, Guid companyId);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Rollcall's webhook for company {CompanyId} could not be deleted in Personio: {Reason}")]
    private static partial void LogNotRemoved(ILogger logger, Guid companyId, string reason);
}
