using System.Text.Json;

namespace Rollcall.Personio;

/// <summary>Turns a v1 <c>Employee</c> object (attribute objects <c>{label, value, type, universal_id}</c>) into ours.</summary>
internal static class V1EmployeeReader
{
    /// <summary>
    /// The standard attributes a sync asks for; custom (mapped) ones are added per company. Supervisor, legal entity,
    /// office, department, team and cost centers are read when sent, and asked for once a feature uses them
    /// (approvers, scoping): every attribute costs bytes on the wire and memory per employee.
    /// </summary>
    public static readonly string[] StandardAttributes =
        ["id", "first_name", "last_name", "email", "status", "employment_type", "hire_date", "termination_date", "last_modified_at"];


    public static PersonioEmployee? Read(JsonElement employee, IReadOnlyCollection<string> customKeys)
    {
        var attributes = employee.Property("attributes");
        if (attributes is not { ValueKind: JsonValueKind.Object } attrs || Value(attrs, "id").AsLong() is not { } id)
        {
            return null;
        }

        var custom = new Dictionary<string, string?>(customKeys.Count);
        foreach (var key in customKeys)
        {
            if (attrs.TryGetProperty(key, out var attribute))
            {
                custom[key] = attribute.Property("value").AsText();
            }
        }

        return new PersonioEmployee
        {
            Id = id,
            FirstName = Value(attrs, "first_name").AsText(),
            LastName = Value(attrs, "last_name").AsText(),
            Email = Value(attrs, "email").AsText(),
            Status = attrs.TryGetProperty("status", out _) ? PersonioEnums.Status(Value(attrs, "status").AsText()) : null,
            EmploymentType = attrs.TryGetProperty("employment_type", out _) ? PersonioEnums.EmploymentType(Value(attrs, "employment_type").AsText()) : null,
            SupervisorId = Value(attrs, "supervisor").Property("attributes").Property("id").Property("value").AsLong(),
            LegalEntity = Reference(Value(attrs, "subcompany")),
            Office = Reference(Value(attrs, "office")),
            Department = Reference(Value(attrs, "department")),
            Team = Reference(Value(attrs, "team")),
            CostCenters = Value(attrs, "cost_centers") is { ValueKind: JsonValueKind.Array } centers
                ? centers.EnumerateArray().Select(c => CostCenter(c)).OfType<PersonioCostCenter>().ToList()
                : [],
            HireDate = Value(attrs, "hire_date").AsDate(),
            TerminationDate = Value(attrs, "termination_date").AsDate(),
            LastModifiedAt = Value(attrs, "last_modified_at").AsMoment(),
            CustomAttributes = custom,
        };
    }

    private static JsonElement? Value(JsonElement attributes, string key) =>
        attributes.TryGetProperty(key, out var attribute) ? attribute.Property("value") : null;

    /// <summary><c>{"type":"CostCenter","attributes":{"id":8290,"name":"CC-410","percentage":100}}</c>.</summary>
    private static PersonioCostCenter? CostCenter(JsonElement? value)
    {
        var attributes = value.Property("attributes");
        return attributes.Property("id").AsText() is { } id
            ? new PersonioCostCenter(id, attributes.Property("name").AsText(), attributes.Property("percentage").AsDecimal() ?? 100m)
            : null;
    }

    /// <summary>Nested objects look like <c>{"type":"Office","attributes":{"id":1310,"name":"Stockholm"}}</c>.</summary>
    private static PersonioRef? Reference(JsonElement? value)
    {
        var attributes = value.Property("attributes");
        return attributes.Property("id").AsText() is { } id ? new PersonioRef(id, attributes.Property("name").AsText()) : null;
    }
}

internal static class PersonioEnums
{
    public static PersonioStatus Status(string? value) => value?.ToUpperInvariant() switch
    {
        "ACTIVE" => PersonioStatus.Active,
        "ONBOARDING" => PersonioStatus.Onboarding,
        "LEAVE" => PersonioStatus.Leave,
        "INACTIVE" => PersonioStatus.Inactive,
        _ => PersonioStatus.Unknown,
    };

    public static PersonioEmploymentType EmploymentType(string? value) => value?.ToUpperInvariant() switch
    {
        "INTERNAL" => PersonioEmploymentType.Internal,
        "EXTERNAL" => PersonioEmploymentType.External,
        null or "" or "UNSPECIFIED" => PersonioEmploymentType.NotSet,
        _ => PersonioEmploymentType.Unknown,
    };
}
