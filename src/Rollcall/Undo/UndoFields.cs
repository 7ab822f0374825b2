using System.Globalization;
using Rollcall.Data.Directory;
using Rollcall.Sync;

using Rollcall.PaymentData;

namespace Rollcall.Undo;

/// <summary>The user fields an undo puts back, by their name in a step's diff, and how each is read and written.</summary>
internal static class UndoFields
{
    public const string Status = "status";

    public static readonly IReadOnlySet<string> Restorable = new HashSet<string>(
        ["firstName", "lastName", "email", "employmentType", Status, "personioEmployeeId", .. MappedFields.All.Select(f => f.Name)], StringComparer.Ordinal);

    public static bool IsPayment(string field) => MappedFields.All.Any(f => f.Name == field);

    public static bool IsMasked(string field) => MappedFields.All.Any(f => f.Name == field && f.Masked);

    public static string? ValueOf(DirectoryUser user, string field, PaymentDataSeal seal) => field switch
    {
        "firstName" => user.FirstName,
        "lastName" => user.LastName,
        "email" => user.Email,
        "employmentType" => user.EmploymentType.ToString().ToLowerInvariant(),
        Status => user.Status.ToString().ToLowerInvariant(),
        "personioEmployeeId" => user.PersonioEmployeeId?.ToString(CultureInfo.InvariantCulture),
        _ => PaymentValues.ValueOf(user, field, seal),
    };

    /// <summary>Writes a value as a step's diff recorded it; a user linked by the run goes back to being made by hand when it had no Personio id.</summary>
    public static void Write(DirectoryUser user, string field, string? value, PaymentDataSeal seal)
    {
        switch (field)
        {
            case "firstName" when value is not null:
                user.FirstName = value;
                break;
            case "lastName" when value is not null:
                user.LastName = value;
                break;
            case "email" when value is not null:
                user.Email = value;
                break;
            case "employmentType" when Enum.TryParse<EmploymentType>(value, ignoreCase: true, out var type):
                user.EmploymentType = type;
                break;
            case Status when Enum.TryParse<UserStatus>(value, ignoreCase: true, out var status):
                user.Status = status;
                break;
            case "personioEmployeeId":
                user.PersonioEmployeeId = value is null ? null : long.Parse(value, CultureInfo.InvariantCulture);
                user.Source = value is null ? UserSource.Manual : UserSource.Personio;
                break;
            case var payment when IsPayment(payment):
                PaymentValues.Write(user, payment, value, seal);
                break;
        }
    }
}
