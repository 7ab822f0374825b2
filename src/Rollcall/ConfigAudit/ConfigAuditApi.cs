using Microsoft.AspNetCore.Http.HttpResults;
using Rollcall.Access;
using Rollcall.Endpoints;

namespace Rollcall.ConfigAudit;

internal static class ConfigAuditApi
{
    public static IEndpointRouteBuilder MapConfigAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/companies/{companyId:guid}/configuration-changes", ListChanges)
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .AddEndpointFilter<PagingFilter>()
            .WithTags("Configuration audit")
            .WithName("ListConfigurationChanges");
        return app;
    }

    private static async Task<Ok<Paged<ConfigurationChangeResponse>>> ListChanges(
        Guid companyId, [AsParameters] PageRequest page, string? kind, ConfigurationChanges changes, CancellationToken ct) =>
        TypedResults.Ok(await changes.ListAsync(companyId, kind, page, ct));
}
