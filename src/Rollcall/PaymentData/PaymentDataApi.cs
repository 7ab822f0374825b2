using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rollcall.Access;
using Rollcall.ConfigAudit;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.ConfigAudit;
using Rollcall.Endpoints;

namespace Rollcall.PaymentData;

/// <summary>The company's payment-data retention: days after a deactivation until the data is erased, or null (off).</summary>
internal static class PaymentDataApi
{
    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 3650;

    public sealed record Retention(int? Days);

    public static RouteGroupBuilder MapPaymentData(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}/payment-data").RequireAuthorization(Policies.ApiCompanyAdmin).WithTags("Payment data");
        group.MapGet("/retention", GetRetention).WithName("GetPaymentDataRetention");
        group.MapPut("/retention", SetRetention).WithName("SetPaymentDataRetention");
        return group;
    }

    private static async Task<Ok<Retention>> GetRetention(Guid companyId, RollcallDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new Retention(await db.Companies.Where(c => c.Id == companyId).Select(c => c.PaymentDataRetentionDays).SingleAsync(ct)));

    private static async Task<Results<Ok<Retention>, ProblemHttpResult>> SetRetention(
        Guid companyId, Retention body, RollcallDbContext db, ConfigurationAudit audit, ClaimsPrincipal caller, CancellationToken ct)
    {
        var outcome = await SetRetentionAsync(db, audit, companyId, body.Days, caller.AsConfigActor(), ct);
        return outcome.Problem is { } problem ? TypedResults.Problem(problem) : TypedResults.Ok(new Retention(body.Days));
    }

    /// <summary>Sets the period (null: off), audited as a configuration change; shared by the API and the page.</summary>
    public static async Task<Outcome<int?>> SetRetentionAsync(RollcallDbContext db, ConfigurationAudit audit, Guid companyId, int? days, ConfigActor actor,
        CancellationToken ct)
    {
        if (days is < MinRetentionDays or > MaxRetentionDays)
        {
            return ProblemCodes.Invalid("invalid_retention_days", MinRetentionDays, MaxRetentionDays);
        }

        var company = await db.Companies.SingleAsync(c => c.Id == companyId, ct);
        if (company.PaymentDataRetentionDays != days)
        {
            audit.Record(db, companyId, actor, "payment_data.retention_changed", null,
                [new FieldChange("paymentDataRetentionDays", Text(company.PaymentDataRetentionDays), Text(days))]);
            company.PaymentDataRetentionDays = days;
            await db.SaveChangesAsync(ct);
        }

        return days;
    }

    private static string? Text(int? days) => days?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
