using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.PaymentData;

namespace Rollcall.Directory;

/// <summary>
/// A user as the API shows it: the IBAN only ever masked; where they sit in <see cref="Organisation"/>.
/// <see cref="UnreadablePaymentFields"/>: payment fields (<c>iban</c>, <c>personnelNumber</c>, <c>creditorNumber</c>)
/// whose key is gone, so they read as null here.
/// </summary>
internal sealed record UserResponse(
    Guid Id,
    string FirstName,
    string LastName,
    string Email,
    UserStatus Status,
    EmploymentType EmploymentType,
    string? IbanMasked,
    string? PersonnelNumber,
    string? CreditorNumber,
    UserRole Role,
    UserSource Source,
    long? PersonioEmployeeId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    UserOrganisation Organisation,
    IReadOnlyList<string> UnreadablePaymentFields)
{
    /// <summary><paramref name="managerName"/>: the manager's name, when the user has one.</summary>
    public static UserResponse From(DirectoryUser u, UserPaymentData payment, string? managerName = null) => new(
        u.Id, u.FirstName, u.LastName, u.Email, u.Status, u.EmploymentType, Iban.MaskOrNull(payment.Iban.Value),
        payment.PersonnelNumber.Value, payment.CreditorNumber.Value, u.Role, u.Source, u.PersonioEmployeeId, u.CreatedAt, u.UpdatedAt,
        new UserOrganisation(
            Unit(u.LegalEntityId, u.LegalEntityName), Unit(u.OfficeId, u.OfficeName), Unit(u.DepartmentId, u.DepartmentName), Unit(u.TeamId, u.TeamName),
            u.CostCenters, u.PrimaryCostCenterId, u.SupervisorEmployeeId,
            u.ManagerId is { } manager ? new ManagerResponse(manager, managerName ?? "") : null),
        payment.UnreadableFields);

    private static OrgUnitResponse? Unit(string? id, string? name) => id is null ? null : new OrgUnitResponse(id, name);
}

/// <summary>
/// Where a user sits, as Personio says: legal entity, office, department, team, cost centers (weights in percent, the
/// primary first) and the manager (the supervisor's user, when the supervisor is a user here).
/// </summary>
internal sealed record UserOrganisation(
    OrgUnitResponse? LegalEntity,
    OrgUnitResponse? Office,
    OrgUnitResponse? Department,
    OrgUnitResponse? Team,
    IReadOnlyList<CostCenterShare> CostCenters,
    string? PrimaryCostCenterId,
    long? SupervisorPersonioId,
    ManagerResponse? Manager);

internal sealed record OrgUnitResponse(string Id, string? Name)
{
    public string Shown => OrgText.Unit(Id, Name)!;
}

/// <summary>The org units a company's users sit in, for filters.</summary>
internal sealed record OrgChoices(
    IReadOnlyList<OrgUnitResponse> LegalEntities, IReadOnlyList<OrgUnitResponse> Offices, IReadOnlyList<OrgUnitResponse> Departments, IReadOnlyList<OrgUnitResponse> Teams);

internal sealed record ManagerResponse(Guid Id, string Name);

internal sealed record NewUser(
    string FirstName,
    string LastName,
    string Email,
    EmploymentType EmploymentType = EmploymentType.Internal,
    UserRole Role = UserRole.Member,
    string? Iban = null,
    string? PersonnelNumber = null,
    string? CreditorNumber = null);

/// <summary>A partial update: null leaves a field as it is; an empty string clears an optional field.</summary>
internal sealed record UserChanges(
    string? FirstName = null,
    string? LastName = null,
    string? Email = null,
    EmploymentType? EmploymentType = null,
    UserRole? Role = null,
    string? Iban = null,
    string? PersonnelNumber = null,
    string? CreditorNumber = null);

/// <summary>The user list's filters; org filters match Personio's ids (cost center: the primary one).</summary>
internal sealed record UserQuery(
    string? Search, UserStatus? Status, UserSource? Source,
    string? LegalEntity = null, string? Office = null, string? Department = null, string? Team = null, string? CostCenter = null, Guid? Manager = null);

internal sealed record AuditEntryResponse(
    long Id, Guid UserId, DateTime At, ChangeCauseKind CauseKind, string CauseId, string CauseName, string Action, IReadOnlyList<FieldChange> Changes)
{
    public static AuditEntryResponse From(AuditEntry e) => new(e.Id, e.UserId, e.At, e.CauseKind, e.CauseId, e.CauseName, e.Action, e.Changes);
}
