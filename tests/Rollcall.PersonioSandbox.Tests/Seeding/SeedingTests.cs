using System.Diagnostics;
using Rollcall.PersonioSandbox.Seeding;

namespace Rollcall.PersonioSandbox.Tests.Seeding;

public sealed class SeedingTests
{
    [Fact]
    public async Task Seed_SameSeedAndSize_GivesSameEmployeesAcrossInstances()
    {
        await using var first = new SandboxApp();
        await using var second = new SandboxApp();
        var a = await first.CreateCompanyAsync(50, seed: 7);
        var b = await second.CreateCompanyAsync(50, seed: 7);
        var c = await second.CreateCompanyAsync(50, seed: 8);

        var pageA = (await a.GetJsonAsync(await a.V1TokenAsync(), "/v1/company/employees?attributes[]=email&attributes[]=dynamic_30101")).GetProperty("data").GetRawText();
        var pageB = (await b.GetJsonAsync(await b.V1TokenAsync(), "/v1/company/employees?attributes[]=email&attributes[]=dynamic_30101")).GetProperty("data").GetRawText();
        var pageC = (await c.GetJsonAsync(await c.V1TokenAsync(), "/v1/company/employees?attributes[]=email&attributes[]=dynamic_30101")).GetProperty("data").GetRawText();

        Assert.Equal(pageA, pageB);
        Assert.NotEqual(pageA, pageC);
        Assert.Equal(a.ClientId, b.ClientId);
    }

    [Fact]
    public async Task Seed_ThousandEmployees_IsRealistic()
    {
        await using var app = new SandboxApp();
        var company = await app.CreateCompanyAsync(1000, seed: 3);
        var token = await company.V1TokenAsync();
        var employees = new List<JsonElement>();
        for (var offset = 0; offset < 1000; offset += 100)
        {
            employees.AddRange((await company.GetJsonAsync(token, $"/v1/company/employees?limit=100&offset={offset}")).GetProperty("data").EnumerateArray());
        }

        var ibans = employees.Select(e => e.Attr("dynamic_30101").GetString()!).ToList();
        var emails = employees.Select(e => e.Attr("email").GetString()!).ToList();
        var statuses = employees.Select(e => e.Attr("status").GetString()).ToHashSet();
        var names = string.Concat(employees.Select(e => e.Attr("last_name").GetString()));
        var supervisors = employees.ToDictionary(e => e.EmployeeId(), e => e.Attr("supervisor").ValueKind == JsonValueKind.Null ? (int?)null : e.Attr("supervisor").GetProperty("attributes").GetProperty("id").GetProperty("value").GetInt32());

        Assert.All(ibans, i => Assert.True(i.Length == 22 && i.StartsWith("DE", StringComparison.Ordinal) && Iban.IsValid(i), i));
        Assert.Equal(emails.Count, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(emails, e => Assert.Matches("^[a-z0-9.-]+@[a-z0-9.-]+$", e));
        Assert.Equal(["active", "inactive", "leave", "onboarding"], statuses.Order());
        Assert.Equal(["external", "internal"], employees.Select(e => e.Attr("employment_type").GetString()).Distinct().Order());
        Assert.Contains(names, c => "äöüß".Contains(c, StringComparison.Ordinal));
        Assert.Contains(employees, e => e.Attr("last_name").GetString()!.Contains('-', StringComparison.Ordinal));
        Assert.Equal(1, supervisors.Values.Count(s => s is null));
        Assert.All(supervisors.Keys, id => Assert.True(ReachesRoot(id, supervisors), $"{id} is in a supervisor cycle"));
        Assert.True(employees.Select(e => e.Attr("subcompany").GetProperty("attributes").Int("id")).Distinct().Count() >= 3);
    }

    [Fact]
    public async Task Seed_HundredThousandEmployees_TakesSeconds()
    {
        await using var app = new SandboxApp();
        _ = app.CreateClient();

        var watch = Stopwatch.StartNew();
        var company = await app.CreateCompanyAsync(100_000, seed: 11);
        watch.Stop();
        var json = await company.GetJsonAsync(await company.V1TokenAsync(), "/v1/company/employees?limit=100&offset=99950");

        Assert.Equal(100_000, json.GetProperty("metadata").Int("total_elements"));
        Assert.Equal(50, json.GetProperty("data").GetArrayLength());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"seeding took {watch.Elapsed}");
    }

    [Fact]
    public void Iban_KnownGoodAndTamperedValues_AreCheckedByMod97()
    {
        Assert.True(Iban.IsValid("DE89 3704 0044 0532 0130 00"));
        Assert.False(Iban.IsValid("DE89 3704 0044 0532 0130 01"));
        Assert.True(Iban.IsValid(Iban.German("37040044", "0532013000")));
        Assert.Equal("DE89370400440532013000", Iban.German("37040044", "0532013000"));
    }

    private static bool ReachesRoot(int id, Dictionary<int, int?> supervisors)
    {
        var seen = new HashSet<int>();
        for (int? current = id; current is { } c; current = supervisors[c])
        {
            if (!seen.Add(c))
            {
                return false;
            }
        }

        return true;
    }
}
