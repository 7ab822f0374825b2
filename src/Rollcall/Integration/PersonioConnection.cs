using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Personio;
using Rollcall.Endpoints;
using Rollcall.Personio;
using Rollcall.Sync;
using Rollcall.Webhooks;

namespace Rollcall.Integration;

/// <summary>
/// Integrations > Personio as use cases, called alike by the JSON API and the admin page: connect (credentials
/// checked against Personio before anything is saved; replaced ones checked before the old ones are dropped), map
/// attributes, change settings, disconnect. Each one that changes when a company syncs reschedules it.
/// </summary>
internal sealed class PersonioConnection(
    RollcallDbContext db, PersonioClient personio, PersonioSecrets secrets, StoredCredentials stored, SyncSchedule schedule, WebhookRegistration webhooks, TimeProvider time)
{
    public async Task<PersonioIntegration> GetOrCreateAsync(Guid companyId, CancellationToken ct) =>
        await db.PersonioIntegrations.SingleOrDefaultAsync(i => i.CompanyId == companyId, ct)
        ?? db.PersonioIntegrations.Add(new PersonioIntegration { CompanyId = companyId }).Entity;

    /// <summary>Checks the credentials (and the mapping, when given) with Personio, then stores them encrypted.</summary>
    public async Task<Outcome<(PersonioIntegration Integration, AccessCheck Check)>> ConnectAsync(
        Guid companyId, string clientId, string clientSecret, AttributeMapping? mapping, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(clientSecret) || clientId.Length > 200 || clientSecret.Length > 500)
        {
            return ProblemCodes.Invalid("invalid_credentials_format");
        }

        var integration = await GetOrCreateAsync(companyId, ct);
        var mapped = mapping is null ? MappedFields.MappingOf(integration).Values.Distinct().ToList() : mapping.Keys();
        var credentials = new PersonioCredentials(clientId, clientSecret);
        AccessCheck check;
        try
        {
            check = await personio.CheckAccessAsync(credentials, mapped, ct);
        }
        catch (PersonioException e)
        {
            return Problem(e);
        }

        if (check.MissingRequired.Count > 0)
        {
            return ProblemCodes.Create(StatusCodes.Status422UnprocessableEntity, "required_attributes_not_readable", string.Join(", ", check.MissingRequired));
        }

        if (check.MissingMapped.Count > 0)
        {
            return ProblemCodes.Create(StatusCodes.Status422UnprocessableEntity, "mapped_attributes_not_readable", string.Join(", ", check.MissingMapped));
        }

        integration.ClientId = credentials.ClientId;
        integration.EncryptedSecret = secrets.Protect(credentials.ClientSecret);
        integration.State = IntegrationState.Connected;
        integration.ConnectedAt = time.GetUtcNow().UtcDateTime;
        integration.ConcurrencyStamp = Guid.NewGuid(); // a run still holding the old credentials cannot overwrite these
        integration.RejectedAt = null;
        if (mapping is not null)
        {
            Apply(integration, mapping);
        }

        await db.SaveChangesAsync(ct);
        await schedule.UpdateAsync(companyId, ct);
        return (integration, check);
    }

    /// <summary>Users stay; syncing stops; the secret is deleted; Rollcall's webhook is deleted in Personio and its token revoked.</summary>
    public async Task DisconnectAsync(Guid companyId, CancellationToken ct)
    {
        var integration = await GetOrCreateAsync(companyId, ct);
        await webhooks.RemoveFromPersonioAsync(integration, ct); // while the credentials are still there
        integration.WebhookId = null;
        integration.WebhookRegisteredAt = null;
        integration.WebhookProblem = null;
        integration.WebhookTokenHash = null;
        integration.WebhookPreviousTokenHash = null;
        integration.WebhookPreviousTokenUntil = null;
        integration.State = IntegrationState.NotConnected;
        integration.ConcurrencyStamp = Guid.NewGuid();
        integration.ClientId = null;
        integration.EncryptedSecret = null;
        integration.RejectedAt = null;
        await db.SaveChangesAsync(ct);
        await schedule.UpdateAsync(companyId, ct);
    }

    /// <summary>Applies the settings (null leaves one as it is) and reschedules, or returns the first invalid one's problem.</summary>
    public async Task<ProblemDetails?> ChangeSettingsAsync(Guid companyId, PersonioSettings.Changes settings, CancellationToken ct)
    {
        var integration = await GetOrCreateAsync(companyId, ct);
        if (PersonioSettings.Apply(integration, settings) is { } problem)
        {
            return problem;
        }

        await db.SaveChangesAsync(ct);
        await schedule.UpdateAsync(companyId, ct);
        return null;
    }

    /// <summary>Changes the mapping after checking that the stored credential can read the newly mapped attributes.</summary>
    public async Task<Outcome<PersonioIntegration>> MapAsync(Guid companyId, AttributeMapping mapping, CancellationToken ct)
    {
        var integration = await GetOrCreateAsync(companyId, ct);
        if (integration.State != IntegrationState.Connected)
        {
            return ProblemCodes.Conflict(integration.State == IntegrationState.SecretUnreadable ? "secret_unreadable" : "not_connected");
        }

        var secret = await stored.ReadAsync(integration, ct);
        if (secret.Credentials is not { } credentials)
        {
            return ProblemCodes.Conflict(secret.Unreadable ? "secret_unreadable" : "not_connected");
        }

        try
        {
            var catalog = await personio.GetAttributeCatalogAsync(credentials, ct);
            var unreadable = catalog.Unreadable(mapping.Keys());
            if (unreadable.Count > 0)
            {
                return ProblemCodes.Create(StatusCodes.Status422UnprocessableEntity, "mapped_attributes_not_readable.first", string.Join(", ", unreadable));
            }
        }
        catch (PersonioException e)
        {
            return Problem(e);
        }

        Apply(integration, mapping);
        await db.SaveChangesAsync(ct);
        return integration;
    }

    private static void Apply(PersonioIntegration integration, AttributeMapping mapping)
    {
        foreach (var field in MappedFields.All)
        {
            field.SetAttribute(integration, Blank.AsNull(field.AttributeIn(mapping)));
        }

        // A new mapping is checked afresh; what is remembered of unreadable org attributes stays, so they are not reported again.
        var org = (integration.UnreadableAttributes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Where(PersonioOrganisation.Attributes.Contains).ToList();
        integration.UnreadableAttributes = org.Count == 0 ? null : string.Join(",", org);
    }

    internal static ProblemDetails Problem(PersonioException e) => e.Failure switch
    {
        PersonioFailure.InvalidCredentials => ProblemCodes.Create(StatusCodes.Status422UnprocessableEntity, "invalid_credentials"),
        PersonioFailure.MissingPermission => ProblemCodes.Create(StatusCodes.Status422UnprocessableEntity, "missing_permission"),
        PersonioFailure.RateLimited => ProblemCodes.Create(StatusCodes.Status503ServiceUnavailable, "personio_rate_limited"),
        _ => ProblemCodes.Create(StatusCodes.Status502BadGateway, "personio_unreachable", e.Reason),
    };
}
