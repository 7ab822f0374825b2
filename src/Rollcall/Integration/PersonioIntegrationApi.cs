using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rollcall.Access;
using Rollcall.Data;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.Personio;
using Rollcall.Sync;

namespace Rollcall.Integration;

/// <summary>Integrations > Personio as JSON: connect, map attributes, settings, disconnect. The secret is write-only.</summary>
internal static class PersonioIntegrationApi
{
    public sealed record IntegrationResponse(
        IntegrationState State, string? ClientId, string? IbanAttribute, string? PersonnelNumberAttribute, string? CreditorNumberAttribute,
        string NightlyAt, int GuardPercent, int GuardMinimum, LeavePolicy LeavePolicy, DateTime? ConnectedAt, DateTime? RejectedAt,
        IReadOnlyList<string> UnreadableAttributes, DateTimeOffset? NextRunAt, RunResponse? LastRun, int PaymentGuardPercent, int PaymentGuardMinimum);

    public sealed record Credentials(string ClientId, string ClientSecret, string? IbanAttribute = null, string? PersonnelNumberAttribute = null, string? CreditorNumberAttribute = null);

    public static RouteGroupBuilder MapPersonio(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}/personio")
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .WithTags("Personio");
        group.MapGet("/", Get).WithName("GetPersonioIntegration");
        group.MapPut("/credentials", Connect).WithName("ConnectPersonio");
        group.MapPut("/mapping", Map).WithName("MapPersonioAttributes");
        group.MapPatch("/settings", ChangeSettings).WithName("ChangePersonioSettings");
        group.MapGet("/attributes", Attributes).WithName("ListPersonioAttributes");
        group.MapDelete("/", Disconnect).WithName("DisconnectPersonio");
        group.MapGet("/rules", GetRules).WithName("GetImportRules")
            .WithSummary("Who becomes a user: scope (legal entities, offices, departments), externals, leave, early invitations.");
        group.MapPut("/rules", SaveRules).WithName("SaveImportRules");
        group.MapPost("/rules/preview", PreviewRules).WithName("PreviewImportRules")
            .WithSummary("Queues a preview run deciding by the proposed rules; poll the run and its steps to see what they would change.");
        return group;
    }

    private static async Task<Ok<ImportRules>> GetRules(Guid companyId, ImportRulesChanges rules, CancellationToken ct) =>
        TypedResults.Ok(await rules.GetAsync(companyId, ct));

    private static async Task<Results<Ok<ImportRules>, ProblemHttpResult>> SaveRules(Guid companyId, ImportRules body, ImportRulesChanges rules, CancellationToken ct)
    {
        var saved = await rules.SaveAsync(companyId, body, ct);
        return saved.Value is { } value ? TypedResults.Ok(value) : TypedResults.Problem(saved.Problem!);
    }

    private static async Task<Results<Accepted<RunResponse>, ProblemHttpResult>> PreviewRules(Guid companyId, ImportRules body, ImportRulesChanges rules, TimeProvider time, CancellationToken ct)
    {
        var queued = await rules.PreviewAsync(companyId, body, ct);
        return queued.Value is { } run
            ? TypedResults.Accepted($"/api/companies/{companyId}/personio/runs/{run.Id}", RunResponse.From(run, time))
            : TypedResults.Problem(queued.Problem!);
    }

    /// <summary>Also tries the stored secret, so a secret that can no longer be decrypted shows as needing new credentials.</summary>
    private static async Task<Ok<IntegrationResponse>> Get(
        Guid companyId, RollcallDbContext db, StoredCredentials stored, SyncSchedule schedule, SyncHistory history, TimeProvider time, CancellationToken ct)
    {
        if (await db.PersonioIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.CompanyId == companyId && i.State == IntegrationState.Connected, ct) is { } connected)
        {
            await stored.ReadAsync(connected, ct);
        }

        return TypedResults.Ok(await ViewAsync(companyId, db, schedule, history, time, ct));
    }

    private static async Task<Results<Ok<IntegrationResponse>, ProblemHttpResult>> Connect(
        Guid companyId, Credentials body, PersonioConnection connection, RollcallDbContext db, SyncSchedule schedule, SyncHistory history, TimeProvider time, CancellationToken ct)
    {
        var mapping = body.IbanAttribute is null && body.PersonnelNumberAttribute is null && body.CreditorNumberAttribute is null
            ? null
            : new AttributeMapping(body.IbanAttribute, body.PersonnelNumberAttribute, body.CreditorNumberAttribute);
        var outcome = await connection.ConnectAsync(companyId, body.ClientId ?? "", body.ClientSecret ?? "", mapping, ct);
        return outcome.Problem is { } problem ? TypedResults.Problem(problem) : TypedResults.Ok(await ViewAsync(companyId, db, schedule, history, time, ct));
    }

    private static async Task<Results<Ok<IntegrationResponse>, ProblemHttpResult>> Map(
        Guid companyId, AttributeMapping body, PersonioConnection connection, RollcallDbContext db, SyncSchedule schedule, SyncHistory history, TimeProvider time, CancellationToken ct)
    {
        var outcome = await connection.MapAsync(companyId, body, ct);
        return outcome.Problem is { } problem ? TypedResults.Problem(problem) : TypedResults.Ok(await ViewAsync(companyId, db, schedule, history, time, ct));
    }

    private static async Task<Results<Ok<IntegrationResponse>, ProblemHttpResult>> ChangeSettings(
        Guid companyId, PersonioSettings.Changes body, PersonioConnection connection, RollcallDbContext db, SyncSchedule schedule, SyncHistory history, TimeProvider time, CancellationToken ct) =>
        await connection.ChangeSettingsAsync(companyId, body, ct) is { } problem
            ? TypedResults.Problem(problem)
            : TypedResults.Ok(await ViewAsync(companyId, db, schedule, history, time, ct));

    private static async Task<Results<Ok<IReadOnlyList<PersonioAttributeDefinition>>, ProblemHttpResult>> Attributes(
        Guid companyId, PersonioConnection connection, StoredCredentials stored, PersonioClient personio, CancellationToken ct)
    {
        var integration = await connection.GetOrCreateAsync(companyId, ct);
        var secret = await stored.ReadAsync(integration, ct);
        if (secret.Credentials is not { } credentials)
        {
            return TypedResults.Problem(ProblemCodes.Conflict(secret.Unreadable ? "secret_unreadable" : "not_connected"));
        }

        try
        {
            return TypedResults.Ok((await personio.GetAttributeCatalogAsync(credentials, ct)).Attributes);
        }
        catch (PersonioException e)
        {
            return TypedResults.Problem(PersonioConnection.Problem(e));
        }
    }

    private static async Task<NoContent> Disconnect(Guid companyId, PersonioConnection connection, CancellationToken ct)
    {
        await connection.DisconnectAsync(companyId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IntegrationResponse> ViewAsync(Guid companyId, RollcallDbContext db, SyncSchedule schedule, SyncHistory history, TimeProvider time, CancellationToken ct)
    {
        var i = await db.PersonioIntegrations.AsNoTracking().SingleOrDefaultAsync(x => x.CompanyId == companyId, ct) ?? new PersonioIntegration { CompanyId = companyId };
        var last = await history.LastRunAsync(companyId, ct);
        return new IntegrationResponse(i.State, i.ClientId, i.IbanAttribute, i.PersonnelNumberAttribute, i.CreditorNumberAttribute,
            i.NightlyAt.ToString("HH:mm", CultureInfo.InvariantCulture), i.GuardPercent, i.GuardMinimum, i.LeavePolicy, i.ConnectedAt, i.RejectedAt,
            i.UnreadableAttributes?.Split(',') ?? [], await schedule.NextRunAsync(companyId, ct), last is null ? null : RunResponse.From(last, time),
            i.PaymentGuardPercent, i.PaymentGuardMinimum);
    }
}
