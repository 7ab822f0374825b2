using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Endpoints;

namespace Rollcall.Access;

internal static class ApiKeysApi
{
    public sealed record ApiKeyResponse(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    public sealed record NewApiKey(string Name);

    /// <summary>The only answer that ever carries the key itself.</summary>
    public sealed record IssuedApiKey(ApiKeyResponse ApiKey, string Key);

    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}/api-keys")
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .WithTags("API keys");
        group.MapGet("/", ListKeys).WithName("ListApiKeys");
        group.MapPost("/", IssueKey).WithName("IssueApiKey");
        group.MapDelete("/{keyId:guid}", RevokeKey).WithName("RevokeApiKey");
        return group;
    }

    private static async Task<Ok<List<ApiKeyResponse>>> ListKeys(Guid companyId, RollcallDbContext db, CancellationToken ct)
    {
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.CompanyId == companyId).OrderBy(k => k.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(keys.Select(k => new ApiKeyResponse(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToList());
    }

    private static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> IssueKey(
        Guid companyId, NewApiKey request, ApiKeys apiKeys, ClaimsPrincipal caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            return TypedResults.Problem(ProblemCodes.Invalid("invalid_name.api_key"));
        }

        var issued = await apiKeys.IssueAsync(companyId, caller.AccountId(), request.Name, ct);
        var k = issued.Row;
        return TypedResults.Created($"/api/companies/{companyId}/api-keys/{k.Id}",
            new IssuedApiKey(new ApiKeyResponse(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt), issued.Key));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(Guid companyId, Guid keyId, ApiKeys apiKeys, CancellationToken ct) =>
        await apiKeys.RevokeAsync(companyId, keyId, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(ProblemCodes.NotFound("not_found.api_key"));
}
