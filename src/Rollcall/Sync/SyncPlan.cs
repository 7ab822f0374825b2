using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;

namespace Rollcall.Sync;

/// <summary>The user fields a sync writes; <see cref="Optional"/> holds only mapped, readable and valid fields.</summary>
internal sealed record DesiredUser(
    string FirstName, string LastName, string Email, EmploymentType EmploymentType, IReadOnlyDictionary<MappedField, string?> Optional, OrgPlacement Org);

/// <summary>
/// One step of a plan. <see cref="Desired"/> is what the user becomes (create, update, link, reactivate).
/// <see cref="NamesOnly"/>: an update that only gives org units the names a v2 read by id could not send (same ids).
/// <see cref="Payment"/>: the payment data the step changes, in clear (recorded sealed). <see cref="Hold"/>: a change held for
/// an admin (a payment-data change over the payment guard's threshold).
/// </summary>
internal sealed record PlannedStep(
    StepKind Kind,
    long? EmployeeId,
    Guid? UserId,
    string Subject,
    string? ReasonCode,
    Reason? Reason,
    IReadOnlyList<FieldChange> Changes,
    DesiredUser? Desired = null,
    UserStatus? NewStatus = null,
    bool NamesOnly = false,
    PaymentValues? Payment = null,
    bool Hold = false);

/// <summary>
/// The plan of a run, from the pure planner; a dry run shows it, a real run applies it. <see cref="People"/> says,
/// for every employee read, what the run decides and why (the explorer's rows).
/// </summary>
internal sealed record SyncPlan(IReadOnlyList<PlannedStep> Steps, bool GuardTripped, IReadOnlyDictionary<string, int> IgnoredByReason)
{
    public IReadOnlyList<PlannedPerson> People { get; init; } = [];

    /// <summary>A plan over some persons only (a webhook or delta run): nobody outside <see cref="People"/> was judged.</summary>
    public bool Partial { get; init; }

    /// <summary>The payment guard tripped: the plan holds its payment-data changes (steps with <see cref="PlannedStep.Hold"/>).</summary>
    public bool PaymentGuardTripped { get; init; }

    /// <summary>Something is held for an admin: deactivations (mass-change guard) or payment-data changes (payment guard).</summary>
    public bool NeedsApproval => GuardTripped || PaymentGuardTripped;

    public int Count(StepKind kind) => Steps.Count(s => s.Kind == kind);
}

/// <summary>What a run decides for one employee: user or not, and why (the step's reason when there is a step).</summary>
internal sealed record PlannedPerson(Personio.PersonioEmployee Employee, PersonOutcome Outcome, string ReasonCode, Reason Reason, Guid? UserId);

/// <summary>
/// Everything the planner decides from; nothing else is read. <see cref="Partial"/>: <see cref="Employees"/> are only
/// the persons a webhook or delta run read, so an absence from them means nothing (no "gone", no link away from an
/// employee who was not read); everyone else is left as they are. <see cref="HeldPayments"/>: users with a payment-data
/// change waiting for an admin; a newer run holds their changes again (or, planning none, lets the older one drop), never applies them.
/// <see cref="Seal"/> opens the users' payment data, which the planner compares by value.
/// </summary>
internal sealed record PlannerInput(
    PaymentData.PaymentDataSeal Seal,
    IReadOnlyList<Personio.PersonioEmployee> Employees,
    IReadOnlyList<DirectoryUser> Users,
    IReadOnlyDictionary<MappedField, string> Mapping,
    IReadOnlySet<string> UnreadableAttributes,
    ImportPolicy Policy,
    bool IsFirstSync,
    int GuardPercent,
    int GuardMinimum,
    IReadOnlyDictionary<long, GoneCheck>? GoneChecks = null,
    bool Partial = false,
    int PaymentGuardPercent = 2,
    int PaymentGuardMinimum = 5,
    IReadOnlySet<Guid>? HeldPayments = null);

/// <summary>
/// What Personio said when asked about an employee missing from its list. Without checks (<c>null</c>), every
/// absence counts as gone: that plan only measures the mass-change guard, which holds deactivations unconfirmed.
/// </summary>
internal enum GoneCheck
{
    /// <summary>Personio answered 404 in its own error shape: gone, the user is deactivated.</summary>
    Confirmed,

    /// <summary>Asked, but no usable answer: the user is kept and the next run asks again.</summary>
    Unanswered,

    /// <summary>Not asked: the run's confirmation reads were used up. The user is kept.</summary>
    NotAsked,
}
