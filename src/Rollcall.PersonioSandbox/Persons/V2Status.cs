using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Persons;

internal static class V2Status
{
    /// <summary>ACTIVE when the latest employment is active, on leave or onboarding; INACTIVE otherwise.</summary>
    public static string OfPerson(Person person, DateOnly today) =>
        person.Current.StatusOn(today) == EmploymentStatus.Inactive ? "INACTIVE" : "ACTIVE";

    public static string OfEmployment(Employment employment, DateOnly today) => employment.StatusOn(today).ToString().ToUpperInvariant();

    /// <summary>v1 custom attribute type to the lowercase v2 type Personio actually sends.</summary>
    public static string CustomType(string v1Type) => v1Type switch
    {
        "date" => "date",
        "integer" => "int",
        "decimal" => "double",
        "tags" => "string_list",
        _ => "string",
    };
}
