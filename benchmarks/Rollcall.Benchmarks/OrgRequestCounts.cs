using System.Diagnostics;
using System.Globalization;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>
/// Requests of a full read with org data, counted by the sandbox: on v1 against ceil(N/100) + 2 (org attributes ride
/// in the list requests), on v2 the reference reads that name the employments' ids, which should not grow with N.
/// </summary>
internal static class OrgRequestCounts
{
    private static readonly string[] ReferenceRoutes =
        ["GET /v2/legal-entities", "GET /v2/workplaces", "GET /v2/cost-centers", "GET /v2/org-units/{id}"];

    public static async Task RunAsync(int[] sizes)
    {
        Console.WriteLine("| Employees | Path | All requests | ceil(N/100) + 2 | List requests | Employment requests | Reference requests | of which legal entities / workplaces / cost centers / org units | Distinct org units | Auth | Seconds |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        foreach (var size in sizes)
        {
            await using var sandbox = SandboxServer.Start(new Dictionary<string, string?> { ["Sandbox:RateLimits:Enabled"] = "true" });
            var company = await sandbox.CreateCompanyAsync(size);
            var credentials = new PersonioCredentials(company.ClientId, company.Secret);

            // v1 as in production: Personio's limits on in the sandbox, Rollcall's throttle on.
            await using (var v1 = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }))
            {
                await MeasureAsync(sandbox, v1, credentials, size, "v1");
            }

            // v2 costs one employment request per person; limits off on both sides, so 10,000 persons take seconds, not minutes.
            // Only the counts matter here, and those do not depend on the limits.
            await sandbox.SendAsync(HttpMethod.Put, "/_sandbox/rate-limits", new { enabled = false });
            await using (var v2 = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?>
                         {
                             ["Logging:LogLevel:Default"] = "Warning", ["Personio:FullReadPath"] = "V2", ["Personio:ClientRateLimits"] = "false",
                         }))
            {
                await MeasureAsync(sandbox, v2, credentials, size, "v2");
            }
        }
    }

    private static async Task MeasureAsync(SandboxServer sandbox, PersonioHarness personio, PersonioCredentials credentials, int size, string path)
    {
        await sandbox.ResetRequestCountsAsync();
        var clock = Stopwatch.StartNew();
        var employees = await personio.ReadAllAsync(credentials, includeOrganisation: true);
        var seconds = clock.Elapsed.TotalSeconds;
        var counts = await sandbox.RequestCountsAsync();
        if (employees.Count != size || employees.Any(e => e.Department?.Name is null))
        {
            throw new InvalidOperationException($"{path}: read {employees.Count} of {size}, or without department names");
        }

        var list = counts.GetValueOrDefault(path == "v1" ? "GET /v1/company/employees" : "GET /v2/persons");
        var employments = counts.GetValueOrDefault("GET /v2/persons/{id}/employments");
        var references = ReferenceRoutes.Select(r => counts.GetValueOrDefault(r)).ToArray();
        var units = employees.SelectMany(e => new[] { ("department", e.Department?.Id), ("team", e.Team?.Id) }).Where(u => u.Item2 is not null).Distinct().Count();
        var auth = counts.GetValueOrDefault("POST /v1/auth") + counts.GetValueOrDefault("POST /v2/auth/token");
        var target = path == "v1" ? ((size + 99) / 100 + 2).ToString(CultureInfo.InvariantCulture) : "–";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {path} | {counts.Values.Sum():N0} | {target} | {list} | {employments:N0} | {references.Sum()} | {string.Join(" / ", references)} | {units} | {auth} | {seconds:F1} |"));
    }
}
