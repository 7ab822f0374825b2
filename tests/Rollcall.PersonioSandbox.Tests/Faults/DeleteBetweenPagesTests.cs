namespace Rollcall.PersonioSandbox.Tests.Faults;

/// <summary>delete_between_pages: a person deleted for real right after a page is written.</summary>
public sealed class DeleteBetweenPagesTests
{
    [Fact]
    public async Task V1OffsetWalk_LosesTheRecordThatSlidesOntoTheReadPage()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(250);
        var token = await company.V1TokenAsync();
        var ids = await company.V1IdsAsync(token, 250);
        await app.ArmFaultAsync(new { kind = "delete_between_pages", page = 0, position = 5 });

        var page0 = await company.V1PageAsync(token, 0);
        var page1 = await company.V1PageAsync(token, 100);
        var page2 = await company.V1PageAsync(token, 200);
        var deleted = await company.GetAsync(token, $"/v1/company/employees/{ids[5]}");

        Assert.Equal(ids[..100], page0.Ids);
        Assert.Equal(250, page0.Total);
        Assert.Equal(ids[101], page1.Ids[0]);
        Assert.Equal(249, page1.Total);
        Assert.Equal(ids[201..], page2.Ids);
        Assert.DoesNotContain(ids[100], page0.Ids.Concat(page1.Ids).Concat(page2.Ids));
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }

    [Fact]
    public async Task V2CursorWalk_ContinuesAfterTheLastIdSoNothingIsSkipped()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(120);
        var token = await company.V1TokenAsync();
        var ids = await company.V1IdsAsync(token, 120);
        await app.ArmFaultAsync(new { kind = "delete_between_pages", path = "/v2/persons", page = 0, position = 5 });

        var page0 = await company.V2PageAsync(token, "/v2/persons?limit=50");
        var page1 = await company.V2PageAsync(token, page0.Next!);
        var deleted = await company.GetAsync(token, $"/v2/persons/{ids[5]}");

        // The cursor is keyed on the last id read, so the deletion behind it shifts nothing: the client only holds a stale record.
        Assert.Equal(ids[..50], page0.Ids);
        Assert.Equal(ids[50..100], page1.Ids);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }

    [Fact]
    public async Task Position_CountsInTheCallersOwnList()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(120);
        var everyone = await company.V1IdsAsync(await company.V1TokenAsync(), 120);
        var (clientId, secret) = await company.CreateCredentialAsync(legalEntities: [await FirstLegalEntityAsync(company)]);
        var token = await company.V1TokenAsync(clientId, secret);
        var visible = await company.V1IdsAsync(token, 120);
        // The first index at which this credential's list and the full list part ways.
        var position = Enumerable.Range(0, visible.Length).First(i => visible[i] != everyone[i]);
        await app.ArmFaultAsync(new { kind = "delete_between_pages", page = 0, position });

        await company.V1PageAsync(token, 0);
        var log = await app.FaultLogAsync();

        Assert.Equal(visible[position], log[0].Int("employee_id"));
    }

    [Fact]
    public async Task PageNotAnswered200_DoesNotFireAndStaysArmed()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(30);
        var token = await company.V1TokenAsync();
        await app.ArmFaultAsync(new { kind = "delete_between_pages", page = 0, position = 0 });

        var rejected = await company.GetAsync("not-a-token", "/v1/company/employees?limit=10");
        var stillArmed = await (await app.CreateClient().GetAsync("/_sandbox/faults", TestContext.Current.CancellationToken)).ReadJsonAsync();
        var page0 = await company.V1PageAsync(token, 0, limit: 10);
        var page1 = await company.V1PageAsync(token, 10, limit: 10);

        Assert.False(rejected.IsSuccessStatusCode);
        Assert.Equal(1, stillArmed.GetArrayLength());
        Assert.Equal(30, page0.Total);
        Assert.Equal(29, page1.Total);
    }

    private static async Task<int> FirstLegalEntityAsync(Company company) =>
        (await company.ControlAsync(HttpMethod.Get, "")).GetProperty("legal_entity_ids")[0].GetInt32();
}
