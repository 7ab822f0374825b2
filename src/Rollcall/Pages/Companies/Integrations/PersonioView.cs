using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Integration;
using Rollcall.Personio;
using Rollcall.Sync;
using Rollcall.Webhooks;

namespace Rollcall.Pages.Companies.Integrations;

/// <summary>What the Integrations > Personio page shows, read fresh from the database (never the secret).</summary>
internal sealed record PersonioView(
    PersonioIntegration Integration,
    TimeZoneInfo Zone,
    SyncRun? LastRun,
    DateTimeOffset? NextRun,
    IReadOnlyList<PersonioAttributeDefinition> Attributes,
    ProblemDetails? CatalogProblem,
    WebhookStatus Webhook)
{
    /// <summary>Mapped attributes the credential can no longer read (org attributes are reported on the run instead).</summary>
    public IReadOnlyList<string> Unreadable =>
        [.. (Integration.UnreadableAttributes?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? []).Where(k => !PersonioOrganisation.Attributes.Contains(k))];

    public static async Task<PersonioView> LoadAsync(
        Guid companyId, RollcallDbContext db, SyncSchedule schedule, SyncHistory history, StoredCredentials stored, PersonioClient personio, WebhookRegistration webhooks,
        CancellationToken ct)
    {
        var integration = await db.PersonioIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.CompanyId == companyId, ct)
            ?? new PersonioIntegration { CompanyId = companyId };
        // A secret that can no longer be decrypted leaves the integration needing new credentials (and unscheduled).
        var secret = integration.State == IntegrationState.Connected ? await stored.ReadAsync(integration, ct) : StoredSecret.None;
        if (secret.Unreadable)
        {
            integration.State = IntegrationState.SecretUnreadable; // as just saved; this copy is not tracked
        }

        var zone = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct);
        var lastRun = await history.LastRunAsync(companyId, ct);
        var nextRun = await schedule.NextRunAsync(companyId, ct);
        IReadOnlyList<PersonioAttributeDefinition> attributes = [];
        ProblemDetails? catalogProblem = null;
        // The dropdowns list what the stored credential may read; rejected credentials could not read anything.

        if (integration.State == IntegrationState.Connected && secret.Credentials is { } credentials)
        {
            try
            {
                attributes = (await personio.GetAttributeCatalogAsync(credentials, ct)).Attributes;
            }
            catch (PersonioException e)
            {
                catalogProblem = PersonioConnection.Problem(e);
            }
        }

        return new PersonioView(integration, TimeZoneInfo.FindSystemTimeZoneById(zone), lastRun, nextRun, attributes, catalogProblem, await webhooks.StatusAsync(companyId, ct));
    }
}
