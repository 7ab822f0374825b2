namespace Rollcall.PersonioSandbox.Tests.Control;

/// <summary>Control-API changes racing with a client's paging read.</summary>
public sealed class ConcurrencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ParallelHiresDuringV1Walk_KeepEmailsUniqueAndPagesConsistent()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(500);
        var token = await company.V1TokenAsync();

        var hires = Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
        {
            var response = await app.CreateClient().PostAsJsonAsync($"/_sandbox/companies/{company.Id}/employees", new { first_name = "Anna", last_name = "Muster" }, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }, Ct)).ToList();
        var seen = new List<int>();
        for (var offset = 0; offset < 500; offset += 100)
        {
            seen.AddRange((await company.GetJsonAsync(token, $"/v1/company/employees?limit=100&offset={offset}")).GetProperty("data").EnumerateArray().Select(e => e.EmployeeId()));
        }

        await Task.WhenAll(hires);
        var all = new List<JsonElement>();
        for (var offset = 0; offset < 540; offset += 100)
        {
            all.AddRange((await company.GetJsonAsync(token, $"/v1/company/employees?limit=100&offset={offset}")).GetProperty("data").EnumerateArray());
        }

        Assert.Equal(500, seen.Distinct().Count());
        Assert.Equal(540, all.Select(e => e.EmployeeId()).Distinct().Count());
        var emails = all.Select(e => e.Attr("email").GetString()).ToList();
        Assert.Equal(emails.Count, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
