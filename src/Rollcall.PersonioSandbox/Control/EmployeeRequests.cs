namespace Rollcall.PersonioSandbox.Control;

/// <summary>Hires a new employee: creates a person with one employment and fires person.created and employment.created.</summary>
/// <param name="FirstName">Required.</param>
/// <param name="LastName">Required.</param>
/// <param name="Email">Default: first.last@ the company domain, made unique.</param>
/// <param name="HireDate">Start date; in the future the status is onboarding until that day. Default: today.</param>
/// <param name="Gender">male, female or diverse. Default diverse.</param>
/// <param name="EmploymentType">internal, external or unspecified (left empty by HR). Default internal.</param>
/// <param name="Position">Job title. Default "Employee".</param>
/// <param name="SupervisorId">Employee id of the supervisor.</param>
/// <param name="LegalEntityId">Default: the first legal entity.</param>
/// <param name="OfficeId">Default: the first office of the legal entity.</param>
/// <param name="DepartmentId">Default: the first department.</param>
/// <param name="TeamId">Default: the first team of the department.</param>
/// <param name="CustomAttributes">Custom attribute values by key (<c>dynamic_NNN</c>).</param>
/// <param name="CostCenters">Cost centers with weights. Default: 100% on the first cost center.</param>
public sealed record HireRequest(
    string FirstName, string LastName, string? Email = null, DateOnly? HireDate = null, string? Gender = null,
    string? EmploymentType = null, string? Position = null, int? SupervisorId = null, int? LegalEntityId = null,
    int? OfficeId = null, int? DepartmentId = null, int? TeamId = null, IReadOnlyDictionary<string, string?>? CustomAttributes = null,
    IReadOnlyList<CostCenterWeight>? CostCenters = null);

/// <summary>One cost center of an employment and the share booked to it.</summary>
/// <param name="Id">A cost center id of the company.</param>
/// <param name="Weight">Percent, more than 0 and at most 100 (v1 <c>percentage</c>, v2 <c>weight</c>). The weights of one employment are not required to add up to 100.</param>
public sealed record CostCenterWeight(int Id, decimal Weight);

/// <summary>Changes master data; only the fields sent change. Person fields fire person.updated, employment fields employment.updated.</summary>
/// <param name="FirstName">Person field.</param>
/// <param name="LastName">Person field.</param>
/// <param name="PreferredName">Person field.</param>
/// <param name="Gender">Person field: male, female or diverse.</param>
/// <param name="Position">Employment field.</param>
/// <param name="EmploymentType">Employment field: internal, external or unspecified (left empty by HR).</param>
/// <param name="WeeklyWorkingHours">Employment field.</param>
/// <param name="SupervisorId">Employment field: another employee's id, whatever their status or type; 0 removes the supervisor. Cycles (A→B→A) are accepted, the employee themself is not.</param>
/// <param name="OfficeId">Employment field (v1 <c>office</c>, v2 <c>office</c>, a workplace); 0 clears it.</param>
/// <param name="DepartmentId">Employment field (v1 <c>department</c>, v2 org unit of type department); 0 clears it.</param>
/// <param name="TeamId">Employment field (v1 <c>team</c>, v2 org unit of type team); 0 clears it.</param>
/// <param name="LegalEntityId">Employment field (v1 <c>subcompany</c>, v2 <c>legal_entity</c>); 0 clears it.</param>
/// <param name="CostCenters">Employment field: replaces the cost centers and their weights; <c>[]</c> removes them all.</param>
public sealed record ChangeRequest(
    string? FirstName = null, string? LastName = null, string? PreferredName = null, string? Gender = null, string? Position = null,
    string? EmploymentType = null, decimal? WeeklyWorkingHours = null, int? SupervisorId = null, int? OfficeId = null,
    int? DepartmentId = null, int? TeamId = null, int? LegalEntityId = null, IReadOnlyList<CostCenterWeight>? CostCenters = null);

/// <summary>Records a termination on the current employment. The status turns inactive after <paramref name="TerminationDate"/>.</summary>
/// <param name="TerminationDate">Default: today.</param>
/// <param name="LastWorkingDay">Default: the termination date.</param>
/// <param name="Type">Personio termination type, e.g. EMPLOYEE, FIRED, AGREEMENT. Default EMPLOYEE.</param>
/// <param name="Reason">Free text.</param>
public sealed record TerminateRequest(DateOnly? TerminationDate = null, DateOnly? LastWorkingDay = null, string? Type = null, string? Reason = null);

/// <summary>Rehires a former employee: adds a new, most recent employment.</summary>
/// <param name="HireDate">Start of the new employment. Default: today.</param>
/// <param name="Position">Default: the previous position.</param>
public sealed record RehireRequest(DateOnly? HireDate = null, string? Position = null);

/// <summary>Changes the e-mail address (fires person.updated).</summary>
public sealed record ChangeEmailRequest(string Email);

/// <summary>Sets a custom attribute value; null clears it. List attributes only accept one of their options.</summary>
public sealed record ChangeAttributeRequest(string? Value);

/// <summary>The control API's view of an employee after a change.</summary>
public sealed record EmployeeView(int Id, string FirstName, string LastName, string Email, string Status, string EmploymentId, DateTimeOffset LastModifiedAt);

/// <summary>Fires a webhook event by hand, without changing data.</summary>
/// <param name="EventName">One of the person.* or employment.* events.</param>
/// <param name="PersonId">The affected employee.</param>
public sealed record FireWebhookRequest(string EventName, int PersonId);

/// <summary>Result of firing an event: how many webhooks it was queued for.</summary>
public sealed record FireWebhookResult(string EventName, int Queued);
