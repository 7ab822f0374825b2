using System.Text.Json;
using Rollcall.Personio;

namespace Rollcall.Tests.Personio;

/// <summary>Lenient reading of what Personio really sends, beyond what the sandbox happens to send.</summary>
public sealed class PersonioJsonTests
{
    private static PersonioEmployee? ReadV1(string attributes) =>
        V1EmployeeReader.Read(JsonDocument.Parse("{\"type\":\"Employee\",\"attributes\":{" + attributes + "}}").RootElement, ["dynamic_1", "dynamic_2"]);

    [Fact]
    public void V1_NumbersAsStringsDatesWithAndWithoutOffsetUnknownEnums_ReadLeniently()
    {
        var employee = ReadV1("""
            "id": {"label": "ID", "value": "40417"},
            "first_name": {"label": "Vorname", "value": " Greta "},
            "email": {"value": "greta@example.test", "type": "standard", "universal_id": "email", "extra": true},
            "status": {"value": "ACTIVE"},
            "employment_type": {"value": "freelance"},
            "hire_date": {"value": "2021-03-01T00:00:00+01:00"},
            "termination_date": {"value": "2026-03-31"},
            "last_modified_at": {"value": "2025-06-02T14:05:10"},
            "supervisor": {"value": {"type": "Employee", "attributes": {"id": {"value": 40102}}}},
            "office": {"value": null},
            "cost_centers": {"value": [{"type": "CostCenter", "attributes": {"id": 8290, "name": "CC-410", "percentage": 100}}]},
            "dynamic_1": {"value": 38.5, "type": "decimal"},
            "dynamic_2": {"value": ["English", "German"], "type": "tags"},
            "brand_new_field": {"value": {"deeply": ["nested"]}}
            """);

        Assert.NotNull(employee);
        Assert.Equal(40417, employee.Id);
        Assert.Equal("Greta", employee.FirstName);
        Assert.Null(employee.LastName);
        Assert.Equal(PersonioStatus.Active, employee.Status);
        Assert.Equal(PersonioEmploymentType.Unknown, employee.EmploymentType);
        Assert.Equal(new DateOnly(2021, 3, 1), employee.HireDate);
        Assert.Equal(new DateOnly(2026, 3, 31), employee.TerminationDate);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 14, 5, 10, TimeSpan.Zero), employee.LastModifiedAt);
        Assert.Equal(40102, employee.SupervisorId);
        Assert.Null(employee.Office);
        Assert.Equal(new PersonioCostCenter("8290", "CC-410", 100m), Assert.Single(employee.CostCenters));
        Assert.Equal("38.5", employee.CustomAttributes["dynamic_1"]);
        Assert.Equal("English, German", employee.CustomAttributes["dynamic_2"]);
    }

    [Fact]
    public void V1_NoIdOrNoAttributes_NotAnEmployee()
    {
        Assert.Null(ReadV1("""
            "first_name": {"value": "Nobody"}
            """));
        Assert.Null(V1EmployeeReader.Read(JsonDocument.Parse("""{"type":"Employee"}""").RootElement, []));
    }

    [Fact]
    public void V2_PersonWithEmployment_StatusAndTypeFromTheEmploymentLowercaseCustomTypes()
    {
        var person = JsonDocument.Parse("""
            {"id":"40417","email":"greta@example.test","first_name":"Greta","last_name":"Lindqvist","updated_at":"2025-06-02T12:05:10Z",
             "custom_attributes":[{"id":"dynamic_1","global_id":"iban","type":"string","value":"SE45 5000 0000 0583 9825 7466"},
                                  {"id":"dynamic_9","type":"int","value":3}]}
            """).RootElement;
        var employment = JsonDocument.Parse("""
            {"id":"2b7f","status":"LEAVE","type":"INTERNAL","employment_start_date":"2021-03-01","supervisor":{"id":"40102"},
             "org_units":[{"type":"department","id":"2815"},{"type":"team","id":"590"}],"updated_at":"2025-07-01T00:00:00Z",
             "termination":{"termination_date":"2026-01-31","last_working_day":"2026-01-30"}}
            """).RootElement;

        var employee = V2EmployeeReader.Read(person, employment, ["dynamic_1"]);

        Assert.NotNull(employee);
        Assert.Equal((40417L, PersonioStatus.Leave, PersonioEmploymentType.Internal), (employee.Id, employee.Status, employee.EmploymentType));
        Assert.Equal(("2815", "590"), (employee.Department!.Id, employee.Team!.Id));
        Assert.Equal(new DateOnly(2026, 1, 31), employee.TerminationDate);
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero), employee.LastModifiedAt);
        Assert.Equal("SE45 5000 0000 0583 9825 7466", Assert.Single(employee.CustomAttributes).Value);
    }
}
