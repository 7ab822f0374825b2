using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Rollcall.Access;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Endpoints;

namespace Rollcall.Directory;

internal static class UsersApi
{
    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}/users")
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .AddEndpointFilter<PagingFilter>()
            .WithTags("Users");
        group.MapGet("/", ListUsers).WithName("ListUsers");
        group.MapPost("/", CreateUser).WithName("CreateUser");
        group.MapGet("/{userId:guid}", GetUser).WithName("GetUser");
        group.MapPatch("/{userId:guid}", UpdateUser).WithName("UpdateUser");
        group.MapPost("/{userId:guid}/deactivate", DeactivateUser).WithName("DeactivateUser");
        group.MapPost("/{userId:guid}/reactivate", ReactivateUser).WithName("ReactivateUser");
        group.MapGet("/{userId:guid}/audit", GetUserAudit).WithName("GetUserAudit");

        app.MapGet("/api/companies/{companyId:guid}/audit", GetCompanyAudit)
            .RequireAuthorization(Policies.ApiCompanyAdmin).AddEndpointFilter<PagingFilter>().WithTags("Users").WithName("GetCompanyAudit");
        return group;
    }

    private static async Task<Results<Ok<Paged<UserResponse>>, ProblemHttpResult>> ListUsers(
        Guid companyId, [AsParameters] PageRequest page, UserDirectory directory, CancellationToken ct,
        string? search = null, string? status = null, string? source = null,
        string? legalEntity = null, string? office = null, string? department = null, string? team = null, string? costCenter = null, Guid? managerId = null)
    {
        if (!TryParseFilter<UserStatus>(status, out var statusFilter) || !TryParseFilter<UserSource>(source, out var sourceFilter))
        {
            return TypedResults.Problem(ProblemCodes.Invalid("invalid_filter.users"));
        }

        var query = new UserQuery(search, statusFilter, sourceFilter, Blank.AsNull(legalEntity), Blank.AsNull(office), Blank.AsNull(department), Blank.AsNull(team), Blank.AsNull(costCenter), managerId);
        return TypedResults.Ok(await directory.ListAsync(companyId, query, page, ct));
    }

    /// <summary>Filters are written as the API writes enums (lower case); absent means no filter.</summary>
    private static bool TryParseFilter<TEnum>(string? value, out TEnum? parsed)
        where TEnum : struct, Enum
    {
        parsed = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!Enum.TryParse<TEnum>(value, ignoreCase: true, out var result) || !Enum.IsDefined(result))
        {
            return false;
        }

        parsed = result;
        return true;
    }

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateUser(
        Guid companyId, NewUser request, UserDirectory directory, ClaimsPrincipal caller, CancellationToken ct)
    {
        var outcome = await directory.CreateAsync(companyId, request, caller.AsCause(), ct);
        return outcome.Value is { } user
            ? TypedResults.Created($"/api/companies/{companyId}/users/{user.Id}", await directory.ResponseAsync(user, ct))
            : TypedResults.Problem(outcome.Problem!);
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(Guid companyId, Guid userId, UserDirectory directory, CancellationToken ct) =>
        await directory.FindAsync(companyId, userId, ct) is { } user
            ? TypedResults.Ok(await directory.ResponseAsync(user, ct))
            : TypedResults.Problem(ProblemCodes.NotFound("not_found.user"));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateUser(
        Guid companyId, Guid userId, UserChanges changes, UserDirectory directory, ClaimsPrincipal caller, CancellationToken ct) =>
        await ToResultAsync(await directory.UpdateAsync(companyId, userId, changes, caller.AsCause(), ct), directory, ct);

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> DeactivateUser(
        Guid companyId, Guid userId, UserDirectory directory, ClaimsPrincipal caller, CancellationToken ct) =>
        await ToResultAsync(await directory.SetActiveAsync(companyId, userId, active: false, caller.AsCause(), ct), directory, ct);

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ReactivateUser(
        Guid companyId, Guid userId, UserDirectory directory, ClaimsPrincipal caller, CancellationToken ct) =>
        await ToResultAsync(await directory.SetActiveAsync(companyId, userId, active: true, caller.AsCause(), ct), directory, ct);

    private static async Task<Results<Ok<Paged<AuditEntryResponse>>, ProblemHttpResult>> GetUserAudit(
        Guid companyId, Guid userId, [AsParameters] PageRequest page, UserDirectory directory, CancellationToken ct) =>
        await directory.FindAsync(companyId, userId, ct) is null
            ? TypedResults.Problem(ProblemCodes.NotFound("not_found.user"))
            : TypedResults.Ok(await directory.AuditAsync(companyId, userId, page, ct));

    private static async Task<Ok<Paged<AuditEntryResponse>>> GetCompanyAudit(
        Guid companyId, [AsParameters] PageRequest page, UserDirectory directory, CancellationToken ct) =>
        TypedResults.Ok(await directory.AuditAsync(companyId, null, page, ct));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ToResultAsync(Outcome<DirectoryUser> outcome, UserDirectory directory, CancellationToken ct) =>
        outcome.Value is { } user ? TypedResults.Ok(await directory.ResponseAsync(user, ct)) : TypedResults.Problem(outcome.Problem!);
}
