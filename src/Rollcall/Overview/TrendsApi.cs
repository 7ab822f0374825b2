using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Rollcall.Access;
using Rollcall.Endpoints;

namespace Rollcall.Overview;

/// <summary>The trends page's numbers as JSON: users by status per company-local day, runs per day by outcome, requests per run.</summary>
internal static class TrendsApi
{
    public static RouteGroupBuilder MapTrends(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}/trends")
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .WithTags("Overview");
        group.MapGet("/", GetAsync).WithName("GetTrends")
            .WithSummary("The last 30 (default) or 90 days in the company's time zone: users by status at each day's end, runs by outcome, Personio requests and 429s per run.");
        return group;
    }

    private static async Task<Results<Ok<TrendsResponse>, ProblemHttpResult, NotFound>> GetAsync(Guid companyId, CompanyTrends trends, CancellationToken ct, string? days = null)
    {
        var window = CompanyTrends.DefaultDays;
        if (days is not null && (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out window) || !CompanyTrends.Windows.Contains(window)))
        {
            return TypedResults.Problem(ProblemCodes.Invalid("invalid_trend_days", string.Join(", ", CompanyTrends.Windows)));
        }

        return await trends.LoadAsync(companyId, window, ct) is { } loaded ? TypedResults.Ok(TrendsResponse.Of(loaded)) : TypedResults.NotFound();
    }
}

/// <summary>
/// <c>users</c>: one entry per day, null before the first recorded count; <c>runs</c>: one entry per day;
/// <c>requests</c>: the window's runs, oldest first, at most the newest 120 (<c>requestsCut</c> when there were more).
/// </summary>
internal sealed record TrendsResponse(
    int Days, string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<UsersOnDay> Users, IReadOnlyList<RunsOnDay> Runs, IReadOnlyList<RunRequests> Requests,
    bool RequestsCut)
{
    public static TrendsResponse Of(Trends t) => new(t.Days, t.Zone.Id, t.From, t.To, t.Users, t.Runs, t.Requests, t.RequestsCut);
}
