using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Rollcall.Access;
using Rollcall.Data.Audit;
using Rollcall.Data.Sync;
using Rollcall.Reasons;
using Rollcall.Sync;

namespace Rollcall.Undo;

/// <summary>Undo a run as JSON: what it would restore and refuse, then the undo itself (a run of its own).</summary>
internal static class UndoApi
{
    public static RouteGroupBuilder MapUndo(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}/personio/runs/{runId:guid}/undo")
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .WithTags("Sync");
        group.MapPost("/preview", Preview).WithName("PreviewUndoRun")
            .WithSummary("What undoing the run would restore, per user, and whom it would refuse and why; changes nothing.");
        group.MapPost("/", Undo).WithName("UndoRun")
            .WithSummary("Restores every user the run changed to their state before it, as a new run; users changed since are refused.");
        return group;
    }

    private static async Task<Results<Ok<UndoPreviewResponse>, ProblemHttpResult>> Preview(Guid companyId, Guid runId, RunUndo undo, CancellationToken ct)
    {
        var plan = await undo.PreviewAsync(companyId, runId, ct);
        return plan.Value is { } p ? TypedResults.Ok(UndoPreviewResponse.From(p)) : TypedResults.Problem(plan.Problem!);
    }

    private static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> Undo(Guid companyId, Guid runId, RunUndo undo, ClaimsPrincipal caller, TimeProvider time, CancellationToken ct)
    {
        var done = await undo.UndoAsync(companyId, runId, caller, ct);
        return done.Value is { } run ? TypedResults.Ok(RunResponse.From(run, time)) : TypedResults.Problem(done.Problem!);
    }
}

/// <summary>An undo's preview: per user, what would be restored (payment data masked), or why the user is refused.</summary>
internal sealed record UndoPreviewResponse(Guid RunId, IReadOnlyList<UndoItemResponse> Restored, IReadOnlyList<UndoItemResponse> Refused)
{
    public static UndoPreviewResponse From(UndoPlan plan) =>
        new(plan.Run.Id, plan.Restored.Select(UndoItemResponse.From).ToList(), plan.Refused.Select(UndoItemResponse.From).ToList());
}

/// <summary><c>action</c>: deactivate (created by the run), reactivate (deactivated by it) or update (fields restored).</summary>
internal sealed record UndoItemResponse(Guid UserId, string Name, string Action, IReadOnlyList<FieldChange> Changes, string? ReasonCode, string? Reason)
{
    public static UndoItemResponse From(UndoItem i) =>
        new(i.UserId, i.Name, i.Action.ToString().ToLowerInvariant(), i.Changes, i.Refused?.Code, i.Refused?.Render());
}
