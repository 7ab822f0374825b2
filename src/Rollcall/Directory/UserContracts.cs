using Rollcall.Data.Audit;
using Rollcall.Data.Directory;

namespace Rollcall.Directory;

/// <summary>A user as the API shows it: the IBAN only ever masked.</summary>
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
    DateTime UpdatedAt)
{
    public static UserResponse From(DirectoryUser u) => new(
        u.Id, u.FirstName, u.LastName, u.Email, u.Status, u.EmploymentType, Iban.MaskOrNull(u.Iban),
        u.PersonnelNumber, u.CreditorNumber, u.Role, u.Source, u.PersonioEmployeeId, u.CreatedAt, u.UpdatedAt);
}

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

internal sealed record UserQuery(string? Search, UserStatus? Status, UserSource? Source);

internal sealed record AuditEntryResponse(
    long Id, Guid UserId, DateTime At, ChangeCauseKind CauseKind, string CauseId, string CauseName, string Action, IReadOnlyList<FieldChange> Changes)
{
    public static AuditEntryResponse From(AuditEntry e) => new(e.Id, e.UserId, e.At, e.CauseKind, e.CauseId, e.CauseName, e.Action, e.Changes);
}
