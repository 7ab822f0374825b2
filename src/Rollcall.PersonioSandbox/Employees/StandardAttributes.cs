namespace Rollcall.PersonioSandbox.Employees;

internal sealed record AttributeInfo(string Key, string Label, string Type);

/// <summary>The standard v1 employee attributes the sandbox serves, in response order. <c>universal_id</c> equals the key.</summary>
internal static class StandardAttributes
{
    public static readonly AttributeInfo Id = new("id", "ID", "integer");

    public static readonly AttributeInfo[] All =
    [
        new("first_name", "First name", "standard"),
        new("last_name", "Last name", "standard"),
        new("preferred_name", "Name (preferred)", "standard"),
        new("email", "Email", "standard"),
        new("gender", "Gender", "standard"),
        new("status", "Status", "standard"),
        new("position", "Position", "standard"),
        new("employment_type", "Employment type", "standard"),
        new("weekly_working_hours", "Weekly hours", "standard"),
        new("hire_date", "Hire date", "date"),
        new("contract_end_date", "Contract ends", "date"),
        new("probation_period_end", "Probation period end", "date"),
        new("termination_date", "Termination date", "date"),
        new("termination_type", "Termination type", "standard"),
        new("termination_reason", "Termination reason", "standard"),
        new("last_working_day", "Last day of work", "date"),
        new("created_at", "created_at", "date"),
        new("last_modified_at", "Last modified", "date"),
        new("supervisor", "Supervisor", "standard"),
        new("subcompany", "Subcompany", "standard"),
        new("office", "Office", "standard"),
        new("department", "Department", "standard"),
        new("team", "Team", "standard"),
        new("cost_centers", "Cost center", "standard"),
    ];

    public static readonly HashSet<string> Keys = All.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);

    public static AttributeInfo Get(string key) => All.First(a => a.Key == key);
}
