namespace Rollcall.PersonioSandbox.Tests.Control;

public sealed class LifecycleTests
{
    private static async Task<JsonElement> EmployeeAsync(Company company, string token, int id) =>
        (await company.GetJsonAsync(token, $"/v1/company/employees/{id}")).GetProperty("data");

    [Fact]
    public async Task Hire_FutureStart_IsOnboardingUntilHireDateThenActive()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(3);
        var token = await company.V1TokenAsync();

        var hired = await company.ControlAsync(HttpMethod.Post, "/employees", new { first_name = "Jürgen", last_name = "Groß", hire_date = "2026-03-16" });
        var before = await EmployeeAsync(company, token, hired.Int("id"));
        app.Time.Advance(TimeSpan.FromDays(14));
        token = await company.V1TokenAsync();
        var after = await EmployeeAsync(company, token, hired.Int("id"));

        Assert.Equal("juergen.gross@sandboxcompany.example", before.Attr("email").GetString());
        Assert.Equal("onboarding", before.Attr("status").GetString());
        Assert.Equal("active", after.Attr("status").GetString());
        Assert.Equal(4, (await company.GetJsonAsync(token, "/v1/company/employees")).GetProperty("metadata").Int("total_elements"));
    }

    [Fact]
    public async Task Leave_Return_Terminate_Rehire_MoveStatusAndLastModified()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(5);
        var token = await company.V1TokenAsync();
        var id = (await company.GetJsonAsync(token, "/v1/company/employees")).GetProperty("data")[2].EmployeeId();
        await company.ControlAsync(HttpMethod.Post, $"/employees/{id}/rehire", new { hire_date = "2026-01-01" });

        app.Time.Advance(TimeSpan.FromMinutes(5));
        await company.ControlAsync(HttpMethod.Post, $"/employees/{id}/leave");
        var onLeave = await EmployeeAsync(company, token, id);
        await company.ControlAsync(HttpMethod.Post, $"/employees/{id}/return");
        await company.ControlAsync(HttpMethod.Post, $"/employees/{id}/terminate", new { termination_date = "2026-03-01", type = "FIRED" });
        var terminated = await EmployeeAsync(company, token, id);
        await company.ControlAsync(HttpMethod.Post, $"/employees/{id}/rehire", new { hire_date = "2026-03-02" });
        var rehired = await EmployeeAsync(company, token, id);
        var v2 = await company.GetJsonAsync(await company.V2TokenAsync(), $"/v2/persons/{id}/employments");

        Assert.Equal("leave", onLeave.Attr("status").GetString());
        Assert.Equal("2026-03-02T10:05:00+01:00", onLeave.Attr("last_modified_at").GetString());
        Assert.Equal("inactive", terminated.Attr("status").GetString());
        Assert.Equal("2026-03-01T00:00:00+01:00", terminated.Attr("termination_date").GetString());
        Assert.Equal("active", rehired.Attr("status").GetString());
        Assert.Equal(JsonValueKind.Null, rehired.Attr("termination_date").ValueKind);
        Assert.Equal(3, v2.GetProperty("_data").GetArrayLength());
        Assert.Equal(["ACTIVE", "INACTIVE"], v2.GetProperty("_data").EnumerateArray().Take(2).Select(e => e.Str("status")));
    }

    [Fact]
    public async Task ChangeEmail_UpdatedSince_ReturnsOnlyChangedEmployee()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(30);
        var token = await company.V1TokenAsync();
        var id = (await company.GetJsonAsync(token, "/v1/company/employees")).GetProperty("data")[7].EmployeeId();

        app.Time.Advance(TimeSpan.FromHours(1));
        await company.ControlAsync(HttpMethod.Put, $"/employees/{id}/email", new { email = "neu@sandbox-company.example" });
        var json = await company.GetJsonAsync(token, "/v1/company/employees?updated_since=2026-03-02T10:30:00");

        Assert.Equal(1, json.GetProperty("metadata").Int("total_elements"));
        Assert.Equal("neu@sandbox-company.example", json.GetProperty("data")[0].Attr("email").GetString());
    }

    [Fact]
    public async Task ChangeAttribute_UpdatedSinceWithAttributes_SelectsByChangedAttribute()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(10);
        var token = await company.V1TokenAsync();
        var data = (await company.GetJsonAsync(token, "/v1/company/employees")).GetProperty("data");
        var (ibanChanged, nameChanged) = (data[1].EmployeeId(), data[2].EmployeeId());

        app.Time.Advance(TimeSpan.FromDays(1));
        await company.ControlAsync(HttpMethod.Put, $"/employees/{ibanChanged}/attributes/dynamic_30101", new { value = "DE89370400440532013000" });
        await company.ControlAsync(HttpMethod.Patch, $"/employees/{nameChanged}", new { last_name = "Öztürk-Weiß" });
        token = await company.V1TokenAsync();
        var byIban = await company.GetJsonAsync(token, "/v1/company/employees?updated_since=2026-03-03&attributes[]=dynamic_30101");
        var byName = await company.GetJsonAsync(token, "/v1/company/employees?updated_since=2026-03-03&attributes[]=last_name");

        Assert.Equal([ibanChanged], byIban.GetProperty("data").EnumerateArray().Select(e => e.EmployeeId()));
        Assert.Equal("DE89370400440532013000", byIban.GetProperty("data")[0].Attr("dynamic_30101").GetString());
        Assert.Equal([nameChanged], byName.GetProperty("data").EnumerateArray().Select(e => e.EmployeeId()));
    }

    [Fact]
    public async Task ChangeAttribute_ListValueNotAnOption_Returns400()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1);

        var response = await app.CreateClient().PutAsJsonAsync($"/_sandbox/companies/{company.Id}/employees/40001/attributes/dynamic_30104", new { value = "Maybe" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
