using System.Net.Http.Json;
using System.Text.Json;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Personio;

public sealed class PersonioSecrecyTests
{
    [Fact]
    public async Task Logs_ReadsAndFailures_NeverContainSecretTokenOrIban()
    {
        await using var sandbox = SandboxServer.Start();
        var company = await sandbox.CreateCompanyAsync(150);
        await sandbox.ArmFaultAsync("server_error", page: 1, statusCode: 503);
        await using var personio = PersonioHarness.Create(sandbox.BaseUrl);
        var credentials = new PersonioCredentials(company.ClientId, company.Secret);

        var employees = await personio.ReadAllAsync(credentials, "dynamic_30101");
        await Assert.ThrowsAsync<PersonioException>(() => personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret + "x")));
        var auth = await sandbox.Control.PostAsJsonAsync("/v1/auth", new { client_id = company.ClientId, client_secret = company.Secret });
        var token = JsonDocument.Parse(await auth.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("token").GetString()!;

        var logged = string.Join("\n", personio.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception));
        Assert.NotEmpty(personio.Logs.GetSnapshot());
        Assert.DoesNotContain(company.Secret, logged);
        Assert.DoesNotContain(token, logged);
        var ibans = employees.Select(e => e.CustomAttributes["dynamic_30101"]).OfType<string>().ToList();
        Assert.NotEmpty(ibans);
        Assert.All(ibans, iban => Assert.DoesNotContain(iban, logged));
        Assert.Equal($"{company.ClientId} (secret hidden)", credentials.ToString());
    }
}
