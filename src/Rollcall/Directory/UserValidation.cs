using System.Net.Mail;
using Microsoft.AspNetCore.Mvc;
using Rollcall.Data.Directory;
using Rollcall.Endpoints;

namespace Rollcall.Directory;

/// <summary>Field rules shared by hand-made users and, later, users imported from Personio.</summary>
internal static class UserValidation
{
    public const int MaxNameLength = 200;
    public const int MaxNumberLength = 100;

    public static bool IsValidEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Length <= 320
        && MailAddress.TryCreate(email.Trim(), out var address) && address.Address == email.Trim()
        && address.Host.Contains('.', StringComparison.Ordinal);

    public static ProblemDetails? Check(string? firstName, string? lastName, string? email, string? iban, string? personnelNumber, string? creditorNumber)
    {
        if (firstName is not null && (firstName.Trim().Length == 0 || firstName.Length > MaxNameLength))
        {
            return ProblemCodes.Invalid("invalid_first_name");
        }

        if (lastName is not null && lastName.Length > MaxNameLength)
        {
            return ProblemCodes.Invalid("invalid_last_name");
        }

        if (email is not null && !IsValidEmail(email))
        {
            return ProblemCodes.Invalid("invalid_email");
        }

        if (!string.IsNullOrEmpty(iban) && !Iban.IsValid(iban))
        {
            return ProblemCodes.Invalid("invalid_iban");
        }

        if (personnelNumber?.Length > MaxNumberLength || creditorNumber?.Length > MaxNumberLength)
        {
            return ProblemCodes.Invalid("invalid_number");
        }

        return null;
    }
}
