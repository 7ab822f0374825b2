using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Rollcall.Access;
using Rollcall.Data.Audit;
using Rollcall.Data.Sync;
using Rollcall.Reasons;

namespace Rollcall.Approvals;

/// <summary>The approval inbox as JSON: held changes of the company, and decisions on one, a run's or all.</summary>
internal static class ApprovalsApi
{
    public static RouteGroupBuilder MapApprovals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}/approvals")
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .WithTags("Approvals");
        group.MapGet("/", List).WithName("ListApprovals")
            .WithSummary("Held changes (deactivations, payment data) waiting for an admin; runId limits them to one run.");
        group.MapPost("/{stepId:long}/approve", (Guid companyId, long stepId, ApprovalInbox inbox, ClaimsPrincipal caller, CancellationToken ct) =>
            DecideAsync(companyId, stepId, true, inbox, caller, ct)).WithName("ApproveChange");
        group.MapPost("/{stepId:long}/reject", (Guid companyId, long stepId, ApprovalInbox inbox, ClaimsPrincipal caller, CancellationToken ct) =>
            DecideAsync(companyId, stepId, false, inbox, caller, ct)).WithName("RejectChange");
        group.MapPost("/approve-all", (Guid companyId, ApprovalInbox inbox, ClaimsPrincipal caller, CancellationToken ct, Guid? runId) =>
            DecideAllAsync(companyId, runId, true, inbox, caller, ct)).WithName("ApproveAllChanges");
        group.MapPost("/reject-all", (Guid companyId, ApprovalInbox inbox, ClaimsPrincipal caller, CancellationToken ct, Guid? runId) =>
            DecideAllAsync(companyId, runId, false, inbox, caller, ct)).WithName("RejectAllChanges");
        return group;
    }

    private static async Task<Ok<List<ApprovalResponse>>> List(Guid companyId, ApprovalInbox inbox, CancellationToken ct, Guid? runId = null) =>
        TypedResults.Ok((await inbox.ListAsync(companyId, runId, ct)).Select(ApprovalResponse.From).ToList());

    private static async Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> DecideAsync(
        Guid companyId, long stepId, bool approve, ApprovalInbox inbox, ClaimsPrincipal caller, CancellationToken ct)
    {
        var decided = await inbox.DecideAsync(companyId, stepId, approve, caller, ct);
        return decided.Value is { } step
            ? TypedResults.Ok(new DecisionResponse(step.Id, step.RunId, step.Status, step.ReasonCode, step.Reason?.Render(), step.DecidedBy, step.DecidedAt))
            : TypedResults.Problem(decided.Problem!);
    }

    private static async Task<Results<Ok<DecisionSummary>, ProblemHttpResult>> DecideAllAsync(
        Guid companyId, Guid? runId, bool approve, ApprovalInbox inbox, ClaimsPrincipal caller, CancellationToken ct)
    {
        var decided = await inbox.DecideAllAsync(companyId, runId, approve, caller, ct);
        return decided.Value is { } summary ? TypedResults.Ok(summary) : TypedResults.Problem(decided.Problem!);
    }
}

/// <summary>A held change; <c>reason</c> in the caller's language, <c>reasonCode</c> stable; payment data masked.</summary>
internal sealed record ApprovalResponse(
    long StepId, Guid RunId, string Kind, Guid? UserId, string Name, string? Email, long? PersonioEmployeeId, string? ReasonCode, string? Reason,
    IReadOnlyList<FieldChange> Changes, DateTime Since)
{
    public static ApprovalResponse From(HeldChange c) => new(c.StepId, c.RunId, c.Kind == HeldKind.Deactivation ? "deactivation" : "paymentData", c.UserId,
        c.Name, c.Email, c.PersonioEmployeeId, c.ReasonCode, c.Reason?.Render(), c.Changes, c.Since);
}

/// <summary>What became of one held change: <c>applied</c>, or <c>dropped</c> (rejected, or no longer standing; the reason says which).</summary>
internal sealed record DecisionResponse(long StepId, Guid RunId, StepStatus Status, string? ReasonCode, string? Reason, string? DecidedBy, DateTime? DecidedAt);
