using System.Text.Json;

namespace Rollcall.Personio;

/// <summary>Combines a v2 person and its most recent employment into our employee record.</summary>
internal static class V2EmployeeReader
{
    public static PersonioEmployee? Read(JsonElement person, JsonElement? employment, IReadOnlyCollection<string> customKeys)
    {
        if (person.Property("id").AsLong() is not { } id)
        {
            return null;
        }

        var custom = new Dictionary<string, string?>(customKeys.Count);
        if (person.Property("custom_attributes") is { ValueKind: JsonValueKind.Array } attributes)
        {
            foreach (var attribute in attributes.EnumerateArray())
            {
                if (attribute.Property("id").AsText() is { } key && customKeys.Contains(key))
                {
                    custom[key] = attribute.Property("value").AsText();
                }
            }
        }

        var orgUnits = employment.Property("org_units") is { ValueKind: JsonValueKind.Array } units ? units.EnumerateArray().ToList() : [];
        return new PersonioEmployee
        {
            Id = id,
            FirstName = person.Property("first_name").AsText(),
            LastName = person.Property("last_name").AsText(),
            Email = person.Property("email").AsText(),
            Status = PersonioEnums.Status(employment.Property("status").AsText()),
            EmploymentType = employment.Property("type") is null ? null : PersonioEnums.EmploymentType(employment.Property("type").AsText()),
            SupervisorId = employment.Property("supervisor").Property("id").AsLong(),
            LegalEntity = Reference(employment.Property("legal_entity") ?? employment.Property("sub_company")),
            Office = Reference(employment.Property("office")),
            Department = Reference(orgUnits.FirstOrDefault(u => u.Property("type").AsText() == "department")),
            Team = Reference(orgUnits.FirstOrDefault(u => u.Property("type").AsText() == "team")),
            CostCenters = employment.Property("cost_centers") is { ValueKind: JsonValueKind.Array } centers
                ? centers.EnumerateArray().Select(c => CostCenter(c)).OfType<PersonioCostCenter>().ToList()
                : [],
            HireDate = employment.Property("employment_start_date").AsDate(),
            TerminationDate = employment.Property("termination").Property("termination_date").AsDate(),
            LastModifiedAt = Latest(person.Property("updated_at").AsMoment(), employment.Property("updated_at").AsMoment()),
            CustomAttributes = custom,
        };
    }

    private static PersonioCostCenter? CostCenter(JsonElement? value) =>
        value.Property("id").AsText() is { } id ? new PersonioCostCenter(id, value.Property("name").AsText(), value.Property("weight").AsDecimal() ?? 100m) : null;

    private static PersonioRef? Reference(JsonElement? value) =>
        value.Property("id").AsText() is { } id ? new PersonioRef(id, value.Property("name").AsText()) : null;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a > b || b is null ? a : b;
}
