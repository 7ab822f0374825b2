namespace Rollcall.PersonioSandbox.Tests.Faults;

/// <summary>Invalid fault parameters are refused with a 400 problem.</summary>
public sealed class FaultValidationTests
{
    public static TheoryData<string> Invalid => new()
    {
        """{"kind":"delete_between_pages","page":0,"position":-1}""",
        """{"kind":"insert_between_pages","page":0,"position":-3}""",
        """{"kind":"stall_body","bytes":-1}""",
        """{"kind":"delete_between_pages","position":5}""",
        """{"kind":"insert_between_pages"}""",
        """{"kind":"insert_between_pages","page":0,"times":2}""",
        """{"kind":"delay","delay_ms":-5}""",
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Arm_RejectsInvalidParameters(string body)
    {
        await using var app = new SandboxApp();

        var response = await app.CreateClient().PostAsync("/_sandbox/faults",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Arm_InsertIntoUnknownCompany_Is404()
    {
        await using var app = new SandboxApp();

        var response = await app.CreateClient().PostAsJsonAsync("/_sandbox/faults",
            new { kind = "insert_between_pages", page = 0, company_id = "nope" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
