namespace Rollcall.PersonioSandbox.Tests.Faults;

/// <summary><c>GET /_sandbox/faults/log</c>: the faults that fired, in order.</summary>
public sealed class FaultLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Log_ListsFiredFaultsInOrder_WithTheDeletedEmployee()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(250);
        var token = await company.V1TokenAsync();
        var ids = await company.V1IdsAsync(token, 250);
        await app.ArmFaultAsync(new { kind = "server_error", page = 1 });
        var delete = await app.ArmFaultAsync(new { kind = "delete_between_pages", page = 0, position = 5 });

        await company.V1PageAsync(token, 0);
        await company.GetAsync(token, "/v1/company/employees?limit=100&offset=100");
        var log = await app.FaultLogAsync();

        Assert.Equal(2, log.GetArrayLength());
        Assert.Equal(["delete_between_pages", "server_error"], log.EnumerateArray().Select(f => f.Str("kind")));
        Assert.Equal(delete.Str("id"), log[0].Str("fault_id"));
        Assert.Equal("/v1/company/employees", log[0].Str("path"));
        Assert.Equal(0, log[0].Int("page"));
        Assert.Equal(ids[5], log[0].Int("employee_id"));
        Assert.Equal(1, log[1].Int("page"));
        Assert.Equal(JsonValueKind.Null, log[1].GetProperty("employee_id").ValueKind);
    }

    [Fact]
    public async Task Log_NamesTheRevealedEmployee_AndClearingFaultsEmptiesIt()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(30);
        var token = await company.V1TokenAsync();
        var ids = await company.V1IdsAsync(token, 30);
        await app.ArmFaultAsync(new { kind = "insert_between_pages", page = 1, position = 3 });

        await company.V1PageAsync(token, 0, limit: 10);
        var beforeFiring = await app.FaultLogAsync();
        await company.V1PageAsync(token, 10, limit: 10);
        var afterFiring = await app.FaultLogAsync();
        await app.CreateClient().DeleteAsync("/_sandbox/faults", Ct);
        var cleared = await app.FaultLogAsync();

        Assert.Equal(0, beforeFiring.GetArrayLength());
        Assert.Equal("insert_between_pages", afterFiring[0].Str("kind"));
        Assert.Equal(1, afterFiring[0].Int("page"));
        Assert.Equal(ids[3], afterFiring[0].Int("employee_id"));
        Assert.Equal(0, cleared.GetArrayLength());
    }
}
