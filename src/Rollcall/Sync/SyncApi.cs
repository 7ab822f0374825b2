using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rollcall.Access;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Directory;
using Rollcall.Endpoints;

namespace Rollcall.Sync;

internal static class SyncApi
{
    public static RouteGroupBuilder MapSync(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}/personio")
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .AddEndpointFilter<PagingFilter>()
            .WithTags("Sync");
        group.MapPost("/sync", SyncNow).WithName("SyncNow");
        group.MapGet("/runs", ListRuns).WithName("ListRuns");
        group.MapGet("/runs/{runId:guid}", GetRun).WithName("GetRun");
        group.MapGet("/runs/{runId:guid}/steps", ListSteps).WithName("ListRunSteps");
        group.MapPost("/runs/{runId:guid}/approve", Approve).WithName("ApproveRun");
        group.MapPost("/runs/{runId:guid}/reject", Reject).WithName("RejectRun");
        return group;
    }

    /// <summary>Starts a run (a preview with <c>dryRun=true</c>) in the background; poll the run it returns.</summary>
    private static async Task<Results<Accepted<RunResponse>, ProblemHttpResult>> SyncNow(
        Guid companyId, SyncQueue queue, TimeProvider time, CancellationToken ct, bool dryRun = false)
    {
        var queued = await queue.QueueAsync(companyId, dryRun, ct);
        if (queued.Value is not { } run)
        {
            return TypedResults.Problem(queued.Problem!);
        }

        return TypedResults.Accepted($"/api/companies/{companyId}/personio/runs/{run.Id}", RunResponse.From(run, time));
    }

    private static async Task<Ok<Paged<RunResponse>>> ListRuns(Guid companyId, [AsParameters] PageRequest page, SyncHistory history, TimeProvider time, CancellationToken ct)
    {
        var runs = await history.RunsAsync(companyId, page, ct);
        return TypedResults.Ok(new Paged<RunResponse>(runs.Items.Select(r => RunResponse.From(r, time)).ToList(), runs.Page, runs.PageSize, runs.Total));
    }

    private static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> GetRun(Guid companyId, Guid runId, SyncHistory history, TimeProvider time, CancellationToken ct) =>
        await history.RunAsync(companyId, runId, ct) is { } run
            ? TypedResults.Ok(RunResponse.From(run, time))
            : TypedResults.Problem(ProblemCodes.NotFound("not_found.run"));

    private static async Task<Results<Ok<Paged<StepResponse>>, ProblemHttpResult>> ListSteps(
        Guid companyId, Guid runId, [AsParameters] PageRequest page, SyncHistory history, CancellationToken ct, string? kind = null)
    {
        if (await history.RunAsync(companyId, runId, ct) is null)
        {
            return TypedResults.Problem(ProblemCodes.NotFound("not_found.run"));
        }

        StepKind? filter = null;
        if (kind is not null)
        {
            if (!Enum.TryParse<StepKind>(kind, ignoreCase: true, out var parsed))
            {
                return TypedResults.Problem(ProblemCodes.Invalid("invalid_filter.steps"));
            }

            filter = parsed;
        }

        var steps = await history.StepsAsync(runId, filter, page, ct);
        return TypedResults.Ok(new Paged<StepResponse>(steps.Items.Select(StepResponse.From).ToList(), steps.Page, steps.PageSize, steps.Total));
    }

    private static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> Approve(
        Guid companyId, Guid runId, SyncDecisions decisions, ClaimsPrincipal caller, TimeProvider time, CancellationToken ct) =>
        ToResult(await decisions.ApproveAsync(companyId, runId, caller, ct), time);

    private static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> Reject(
        Guid companyId, Guid runId, SyncDecisions decisions, ClaimsPrincipal caller, TimeProvider time, CancellationToken ct) =>
        ToResult(await decisions.RejectAsync(companyId, runId, caller, ct), time);

    private static Results<Ok<RunResponse>, ProblemHttpResult> ToResult(Outcome<SyncRun> outcome, TimeProvider time) =>
        outcome.Value is { } run ? TypedResults.Ok(RunResponse.From(run, time)) : TypedResults.Problem(outcome.Problem!);
}
