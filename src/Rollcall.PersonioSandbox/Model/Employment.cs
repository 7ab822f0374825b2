using System.Collections.Immutable;

namespace Rollcall.PersonioSandbox.Model;

/// <summary>The status Personio stores; onboarding and inactive are derived from the dates.</summary>
internal enum StoredStatus { Active, Leave }

internal enum EmploymentStatus { Onboarding, Active, Leave, Inactive }

/// <summary><c>Unspecified</c>: HR left the field empty (v1 sends null, v2 <c>UNSPECIFIED</c>).</summary>
internal enum EmploymentType { Internal, External, Unspecified }

/// <summary>Part of an employment's cost booked to one cost center: <paramref name="Weight"/> in percent (v1 <c>percentage</c>, v2 <c>weight</c>).</summary>
internal readonly record struct CostCenterShare(int CostCenterId, decimal Weight);

internal sealed record Termination(DateOnly TerminationDate, DateOnly LastWorkingDay, DateOnly TerminatedAt, string Type, string? Reason);

/// <summary>One contract of a person. A person's employments are kept most recent first.</summary>
internal sealed record Employment
{
    public required Guid Id { get; init; }
    public required StoredStatus StoredStatus { get; init; }
    public required EmploymentType Type { get; init; }
    public required string Position { get; init; }
    public required DateOnly StartDate { get; init; }
    public DateOnly? ContractEndDate { get; init; }
    public DateOnly? ProbationEndDate { get; init; }
    public Termination? Termination { get; init; }
    public required decimal WeeklyHours { get; init; }
    public int? SupervisorId { get; init; }

    // Null when HR left the field empty: v1 then sends value null, v2 a null reference or no org unit entry.
    public required int? OfficeId { get; init; }
    public required int? LegalEntityId { get; init; }
    public required int? DepartmentId { get; init; }
    public required int? TeamId { get; init; }

    /// <summary>Empty when no cost center is assigned (v1 and v2 send <c>[]</c>).</summary>
    public required ImmutableArray<CostCenterShare> CostCenters { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// Personio moves onboarding to active on the hire date and active to inactive after the
    /// termination date without anyone touching the record, so the status is derived at read time.
    /// </summary>
    public EmploymentStatus StatusOn(DateOnly today)
    {
        if (Termination is { } t && t.TerminationDate < today)
        {
            return EmploymentStatus.Inactive;
        }

        if (StartDate > today)
        {
            return EmploymentStatus.Onboarding;
        }

        return StoredStatus == StoredStatus.Leave ? EmploymentStatus.Leave : EmploymentStatus.Active;
    }
}
