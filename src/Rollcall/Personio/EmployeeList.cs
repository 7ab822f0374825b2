namespace Rollcall.Personio;

/// <summary>
/// A full read of a company's employees that Rollcall can trust: each employee once, in its freshest version.
/// <see cref="Passes"/> above one means Personio's list moved under the read (HR at work) and it was read again;
/// <see cref="Disturbances"/> says what was seen. When no pass came back consistent (<see cref="Consistent"/> false),
/// the list is the last pass plus whoever an earlier pass saw and it missed, each confirmed by a targeted read
/// (<see cref="Rechecked"/>).
/// </summary>
public sealed record EmployeeList(IReadOnlyList<PersonioEmployee> Employees, int Passes, IReadOnlyList<ReadDisturbance> Disturbances, bool Consistent, int Rechecked);

/// <summary>
/// How far a full read is: <see cref="Records"/> and <see cref="Pages"/> of the employee list received so far, every pass
/// included; <see cref="PagesTotal"/> the pages the read takes as Personio announced them (v1's <c>total_pages</c>, after
/// the pages of earlier passes), null when it announces none (v2's cursors). Targeted reads of single employees (a
/// reconciliation) are no pages.
/// </summary>
public readonly record struct ReadProgress(int Records, int Pages, int? PagesTotal);

/// <summary>Signs that a paged read did not see one consistent list.</summary>
public enum ReadDisturbance
{
    /// <summary><c>total_elements</c> differed between pages of one read.</summary>
    TotalChanged,

    /// <summary>An employee came twice in one read (the list grew before the read position).</summary>
    DuplicateRecord,

    /// <summary>A page with fewer records than the page size that was not the last page.</summary>
    ShortPage,

    /// <summary>An empty page before the end the metadata reported.</summary>
    EmptyPageBeforeEnd,

    /// <summary>The employees read do not add up to the reported total.</summary>
    CountMismatch,

    /// <summary><c>total_pages</c> does not fit <c>total_elements</c> and the page size.</summary>
    MetadataInconsistent,
}

/// <summary>What Personio says about one employee when asked directly.</summary>
public enum LookupOutcome
{
    Found,

    /// <summary>Personio answered 404 in its own error shape: the employee no longer exists (for this credential).</summary>
    NotFound,

    /// <summary>No usable answer (failure after retries, malformed body): proves nothing either way.</summary>
    Unanswered,
}

public sealed record EmployeeLookup(LookupOutcome Outcome, PersonioEmployee? Employee = null);
