using Microsoft.AspNetCore.Http.HttpResults;
using Rollcall.Access;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;

namespace Rollcall.Explorer;

internal static class PeopleApi
{
    public static RouteGroupBuilder MapExplorer(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}/personio/people")
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .AddEndpointFilter<PagingFilter>()
            .WithTags("Explorer");
        group.MapGet("/", ListPeople).WithName("ListPersonioPeople")
            .WithSummary("Everyone in Personio with what the last run decided: a user or not, and why.");
        group.MapGet("/{personioId:long}", GetPerson).WithName("GetPersonioPerson")
            .WithSummary("One person in Personio with what the last run decided: a user or not, and why.");
        return group;
    }

    /// <summary>
    /// Filters: <c>search</c> (name, email or Personio id), <c>outcome</c> (user, notUser, skipped, leaving), <c>reason</c>
    /// (a reason code), <c>legalEntity</c>, <c>office</c>, <c>department</c> (ids).
    /// </summary>
    private static async Task<Results<Ok<Paged<PersonResponse>>, ProblemHttpResult>> ListPeople(
        Guid companyId, [AsParameters] PageRequest page, PeopleExplorer explorer, CancellationToken ct,
        string? search = null, string? outcome = null, string? reason = null, string? legalEntity = null, string? office = null, string? department = null)
    {
        if (!TryParseOutcome(outcome, out var outcomeFilter))
        {
            return TypedResults.Problem(ProblemCodes.Invalid("invalid_filter.people"));
        }

        var query = new PeopleQuery(Blank.AsNull(search), outcomeFilter, Blank.AsNull(reason), Blank.AsNull(legalEntity), Blank.AsNull(office), Blank.AsNull(department));
        var people = await explorer.ListAsync(companyId, query, page, ct);
        return TypedResults.Ok(new Paged<PersonResponse>(people.Items.Select(PersonResponse.From).ToList(), people.Page, people.PageSize, people.Total));
    }

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> GetPerson(Guid companyId, long personioId, PeopleExplorer explorer, CancellationToken ct) =>
        await explorer.FindAsync(companyId, personioId, ct) is { } person
            ? TypedResults.Ok(PersonResponse.From(person))
            : TypedResults.Problem(ProblemCodes.NotFound("not_found.person"));

    /// <summary>Written as the API writes outcomes (<c>notUser</c>), any case; absent means no filter.</summary>
    internal static bool TryParseOutcome(string? value, out PersonOutcome? parsed)
    {
        parsed = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!Enum.TryParse<PersonOutcome>(value, ignoreCase: true, out var outcome) || !Enum.IsDefined(outcome) || char.IsDigit(value[0]))
        {
            return false;
        }

        parsed = outcome;
        return true;
    }
}
