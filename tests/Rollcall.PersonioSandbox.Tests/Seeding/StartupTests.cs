namespace Rollcall.PersonioSandbox.Tests.Seeding;

public sealed class StartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Startup_SeedOnStart_CreatesDefaultCompanyWithStableCredential()
    {
        await using var first = new SandboxApp().With("Sandbox:Seeding:SeedOnStart", "true").With("Sandbox:Seeding:Size", "25");
        await using var second = new SandboxApp().With("Sandbox:Seeding:SeedOnStart", "true").With("Sandbox:Seeding:Size", "25");

        var companies = await (await first.CreateClient().GetAsync("/_sandbox/companies", Ct)).ReadJsonAsync();
        var again = await (await second.CreateClient().GetAsync("/_sandbox/companies", Ct)).ReadJsonAsync();

        Assert.Equal(1, companies.GetArrayLength());
        Assert.Equal("Rollcall Demo", companies[0].Str("name"));
        Assert.Equal(25, companies[0].Int("employees"));
        Assert.Equal(companies[0].GetProperty("client_ids").GetRawText(), again[0].GetProperty("client_ids").GetRawText());
    }

    [Fact]
    public async Task Startup_InvalidOption_FailsValidationOnStart()
    {
        await using var app = new SandboxApp().With("Sandbox:Employees:DefaultLimit", "500");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("DefaultLimit", error.ToString(), StringComparison.Ordinal);
    }
}
