using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rollcall.Access;
using Rollcall.Data;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Endpoints;
using Rollcall.Sync;

namespace Rollcall.Companies;

internal static class CompaniesApi
{
    public sealed record CompanyResponse(Guid Id, string Name, string TimeZone, CompanyLanguage Language);

    public sealed record CompanyUpdate(string? Name, string? TimeZone, string? Language);

    public sealed record MeResponse(Guid AccountId, string Name, IReadOnlyList<CompanyResponse> AdminOf);

    public static IEndpointRouteBuilder MapCompanies(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", GetMe).RequireAuthorization(Policies.Api).WithTags("Companies").WithName("GetMe");

        var company = app.MapGroup("/api/companies/{companyId:guid}").RequireAuthorization(Policies.ApiCompanyAdmin).WithTags("Companies");
        company.MapGet("/", GetCompany).WithName("GetCompany");
        company.MapPut("/", UpdateCompany).WithName("UpdateCompany");
        return app;
    }

    private static async Task<Ok<MeResponse>> GetMe(ClaimsPrincipal user, RollcallDbContext db, CancellationToken ct)
    {
        var accountId = user.AccountId();
        var companies = await db.AdministeredBy(accountId).ToListAsync(ct);
        var keyCompany = user.ApiKeyCompanyId();
        return TypedResults.Ok(new MeResponse(accountId, user.AccountName(),
            companies.Where(c => keyCompany is null || c.Id == keyCompany).Select(ToResponse).ToList()));
    }

    private static async Task<Results<Ok<CompanyResponse>, NotFound>> GetCompany(Guid companyId, RollcallDbContext db, CancellationToken ct) =>
        await db.Companies.FindAsync([companyId], ct) is { } company ? TypedResults.Ok(ToResponse(company)) : TypedResults.NotFound();

    private static async Task<Results<Ok<CompanyResponse>, ProblemHttpResult>> UpdateCompany(
        Guid companyId, CompanyUpdate update, RollcallDbContext db, SyncSchedule schedule, CancellationToken ct)
    {
        var company = await db.Companies.SingleAsync(c => c.Id == companyId, ct);
        var zoneBefore = company.TimeZone;
        if (update.Name is { } name)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            {
                return TypedResults.Problem(ProblemCodes.Invalid("invalid_name.company"));
            }

            company.Name = name.Trim();
        }

        if (update.TimeZone is { } timeZone)
        {
            if (!CompanyRules.IsKnownTimeZone(timeZone))
            {
                return TypedResults.Problem(ProblemCodes.Invalid("invalid_time_zone", timeZone));
            }

            company.TimeZone = timeZone;
        }

        if (update.Language is { } language)
        {
            if (!CompanyRules.TryParseLanguage(language, out var parsed))
            {
                return TypedResults.Problem(ProblemCodes.Invalid("invalid_language"));
            }

            company.Language = parsed;
        }

        await db.SaveChangesAsync(ct);
        if (company.TimeZone != zoneBefore)
        {
            await schedule.UpdateAsync(companyId, ct); // the nightly run follows the company's local time
        }

        return TypedResults.Ok(ToResponse(company));
    }

    private static CompanyResponse ToResponse(Company c) => new(c.Id, c.Name, c.TimeZone, c.Language);
}
