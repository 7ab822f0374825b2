using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Endpoints;

using Rollcall.Data.Access;

namespace Rollcall.Access;

internal static class ApiKeysApi
{
    public sealed record ApiKeyResponse(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt,
        bool ReadOnly, DateTime? ExpiresAt)
    {
        public static ApiKeyResponse From(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt, k.ReadOnly, k.ExpiresAt);
    }

    /// <summary>A key to issue: its name, whether it may only read, and when it stops working (none: never).</summary>
    public sealed record NewApiKey(string Name, bool? ReadOnly = null, DateTimeOffset? ExpiresAt = null);

    /// <summary>The longest a key may be issued for.</summary>
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(3 * 365);

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
        return TypedResults.Ok(keys.Select(ApiKeyResponse.From).ToList());
    }

    private static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> IssueKey(
        Guid companyId, NewApiKey request, ApiKeys apiKeys, ClaimsPrincipal caller, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            return TypedResults.Problem(ProblemCodes.Invalid("invalid_name.api_key"));
        }

        var now = time.GetUtcNow();
        if (request.ExpiresAt is { } expires && (expires <= now || expires - now > LongestLifetime))
        {
            return TypedResults.Problem(ProblemCodes.Invalid("invalid_expiry.api_key", (int)LongestLifetime.TotalDays));
        }

        var issued = await apiKeys.IssueAsync(companyId, caller.AccountId(), request.Name, request.ReadOnly ?? false, request.ExpiresAt?.UtcDateTime, ct);
        return TypedResults.Created($"/api/companies/{companyId}/api-keys/{issued.Row.Id}", new IssuedApiKey(ApiKeyResponse.From(issued.Row), issued.Key));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(Guid companyId, Guid keyId, ApiKeys apiKeys, CancellationToken ct) =>
        await apiKeys.RevokeAsync(companyId, keyId, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(ProblemCodes.NotFound("not_found.api_key"));
}
