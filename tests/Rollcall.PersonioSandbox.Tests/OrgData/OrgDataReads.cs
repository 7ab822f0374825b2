namespace Rollcall.PersonioSandbox.Tests.OrgData;

/// <summary>Reads one employee's org data the way a client does: the v1 employee and the most recent v2 employment.</summary>
internal static class OrgDataReads
{
    public static async Task<JsonElement> V1EmployeeAsync(this Company company, int id, string? token = null) =>
        (await company.GetJsonAsync(token ?? await company.V1TokenAsync(), $"/v1/company/employees/{id}")).GetProperty("data");

    public static async Task<JsonElement> V2EmploymentAsync(this Company company, int id, string? token = null) =>
        (await company.GetJsonAsync(token ?? await company.V2TokenAsync(), $"/v2/persons/{id}/employments")).GetProperty("_data")[0];

    public static async Task<int[]> EmployeeIdsAsync(this Company company) =>
        (await company.GetJsonAsync(await company.V1TokenAsync(), "/v1/company/employees?limit=100")).GetProperty("data")
            .EnumerateArray().Select(e => e.EmployeeId()).ToArray();

    /// <summary>The <c>attributes</c> of a nested v1 object such as <c>{"type":"Office","attributes":{"id":1310,"name":"Stockholm"}}</c>.</summary>
    public static JsonElement Nested(this JsonElement employee, string key) => employee.Attr(key).GetProperty("attributes");

    /// <summary>v2 <c>org_units</c> as (type, id) pairs.</summary>
    public static (string Type, string Id)[] OrgUnits(this JsonElement employment) =>
        employment.GetProperty("org_units").EnumerateArray().Select(u => (u.Str("type"), u.Str("id"))).ToArray();

    /// <summary>v2 <c>cost_centers</c> as (id, weight) pairs.</summary>
    public static (string Id, decimal Weight)[] CostCenters(this JsonElement employment) =>
        employment.GetProperty("cost_centers").EnumerateArray().Select(c => (c.Str("id"), c.GetProperty("weight").GetDecimal())).ToArray();

    /// <summary>v1 <c>cost_centers</c> as (id, name, percentage) triples.</summary>
    public static (int Id, string Name, decimal Percentage)[] V1CostCenters(this JsonElement employee) =>
        employee.Attr("cost_centers").EnumerateArray()
            .Select(c => c.GetProperty("attributes"))
            .Select(a => (a.Int("id"), a.Str("name"), a.GetProperty("percentage").GetDecimal())).ToArray();
}
