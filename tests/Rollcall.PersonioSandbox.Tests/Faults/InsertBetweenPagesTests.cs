namespace Rollcall.PersonioSandbox.Tests.Faults;

/// <summary>insert_between_pages: a person withheld until a page is written, then visible in the middle of the list.</summary>
public sealed class InsertBetweenPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task V1OffsetWalk_RepeatsTheRecordThatEndedThePreviousPage()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(250);
        var token = await company.V1TokenAsync();
        var ids = await company.V1IdsAsync(token, 250);
        var armed = await app.ArmFaultAsync(new { kind = "insert_between_pages", page = 0, position = 5 });

        var hiddenBefore = await company.GetAsync(token, $"/v1/company/employees/{ids[5]}");
        var page0 = await company.V1PageAsync(token, 0);
        var page1 = await company.V1PageAsync(token, 100);
        var page2 = await company.V1PageAsync(token, 200);
        var visibleAfter = await company.GetAsync(token, $"/v1/company/employees/{ids[5]}");

        Assert.Equal([ids[5]], armed.GetProperty("withheld_employee_ids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, hiddenBefore.StatusCode);
        Assert.Equal([.. ids[..5], .. ids[6..101]], page0.Ids);
        Assert.Equal(249, page0.Total);
        Assert.Equal(page0.Ids[^1], page1.Ids[0]);
        Assert.Equal(250, page1.Total);
        Assert.Equal(ids[200..], page2.Ids);
        Assert.DoesNotContain(ids[5], page0.Ids.Concat(page1.Ids).Concat(page2.Ids));
        Assert.Equal(HttpStatusCode.OK, visibleAfter.StatusCode);
    }

    [Fact]
    public async Task V2CursorWalk_MissesAPersonRevealedBehindTheCursor()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(120);
        var token = await company.V1TokenAsync();
        var ids = await company.V1IdsAsync(token, 120);
        await app.ArmFaultAsync(new { kind = "insert_between_pages", path = "/v2/persons", page = 0, position = 5 });

        var page0 = await company.V2PageAsync(token, "/v2/persons?limit=50");
        var page1 = await company.V2PageAsync(token, page0.Next!);
        var visibleAfter = await company.GetAsync(token, $"/v2/persons/{ids[5]}");

        Assert.Equal([.. ids[..5], .. ids[6..51]], page0.Ids);
        Assert.Equal(ids[51..101], page1.Ids);
        Assert.Equal(HttpStatusCode.OK, visibleAfter.StatusCode);
    }

    [Fact]
    public async Task ClearingFaults_RevealsAWithheldPerson()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(20);
        var token = await company.V1TokenAsync();
        var ids = await company.V1IdsAsync(token, 20);
        await app.ArmFaultAsync(new { kind = "insert_between_pages", page = 3, position = 0, company_id = company.Id });

        var hidden = await company.GetAsync(token, $"/v1/company/employees/{ids[0]}");
        await app.CreateClient().DeleteAsync("/_sandbox/faults", Ct);
        var revealed = await company.GetAsync(token, $"/v1/company/employees/{ids[0]}");

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
    }

    [Fact]
    public async Task AnotherCompanysWalk_DoesNotReveal()
    {
        await using var app = new SandboxApp();
        var target = await app.CreateCompanyAsync(20);
        var other = await app.CreateCompanyAsync(20, seed: 2);
        var targetToken = await target.V1TokenAsync();
        var otherToken = await other.V1TokenAsync();
        await app.ArmFaultAsync(new { kind = "insert_between_pages", page = 0, position = 0, company_id = target.Id });

        var otherPage = await other.V1PageAsync(otherToken, 0, limit: 10);
        var targetPage0 = await target.V1PageAsync(targetToken, 0, limit: 10);
        var targetPage1 = await target.V1PageAsync(targetToken, 10, limit: 10);

        Assert.Equal(20, otherPage.Total);
        Assert.Equal(19, targetPage0.Total);
        Assert.Equal(20, targetPage1.Total);
    }
}
