using Rollcall.Data.Sync;
using Rollcall.Reasons;

namespace Rollcall.Explorer;

/// <summary>Filters of the explorer; null means no filter. <see cref="Search"/> matches name, email or Personio id.</summary>
internal sealed record PeopleQuery(
    string? Search = null, PersonOutcome? Outcome = null, string? Reason = null, string? LegalEntity = null, string? Office = null, string? Department = null);

/// <summary>
/// One person in Personio and what the last run decided for them, and why. <see cref="Reason"/> is rendered in the
/// request's language when the answer is made; <see cref="ReasonCode"/> is the stable part to switch on.
/// </summary>
internal sealed record PersonResponse(
    long Id,
    string? Name,
    string? Email,
    string? Status,
    string? EmploymentType,
    DateOnly? HireDate,
    PersonUnit? LegalEntity,
    PersonUnit? Office,
    PersonUnit? Department,
    PersonOutcome Outcome,
    string ReasonCode,
    string Reason,
    Guid? UserId,
    DateTime DecidedAt,
    Guid RunId)
{
    public static PersonResponse From(PersonDecision d) => new(
        d.PersonioEmployeeId, d.Name, d.Email, d.Status, d.EmploymentType, d.HireDate,
        Unit(d.LegalEntityId, d.LegalEntityName), Unit(d.OfficeId, d.OfficeName), Unit(d.DepartmentId, d.DepartmentName),
        d.Outcome, d.ReasonCode, d.Reason?.Render() ?? d.ReasonCode, d.UserId, d.DecidedAt, d.RunId);

    private static PersonUnit? Unit(string? id, string? name) => id is null ? null : new PersonUnit(id, name);
}

/// <summary>A legal entity, office or department as Personio names it.</summary>
internal sealed record PersonUnit(string Id, string? Name)
{
    public string Shown => Data.Directory.OrgText.Unit(Id, Name)!;
}

/// <summary>The reason codes and org units present in a company's rows, for the page's filters.</summary>
internal sealed record PeopleChoices(
    IReadOnlyList<string> ReasonCodes, IReadOnlyList<PersonUnit> LegalEntities, IReadOnlyList<PersonUnit> Offices, IReadOnlyList<PersonUnit> Departments);
