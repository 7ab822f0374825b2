namespace Rollcall.PersonioSandbox.Tests.Faults;

/// <summary>Arming faults, reading the fault log and walking v1 pages, shared by the fault tests.</summary>
internal static class SandboxFaults
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Arms the fault and returns its view.</summary>
    public static async Task<JsonElement> ArmFaultAsync(this SandboxApp app, object fault)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/_sandbox/faults", fault, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> FaultLogAsync(this SandboxApp app) =>
        await (await app.CreateClient().GetAsync("/_sandbox/faults/log", Ct)).ReadJsonAsync();

    /// <summary>One v1 page: its employee ids and <c>metadata.total_elements</c>.</summary>
    public static async Task<(int[] Ids, int Total)> V1PageAsync(this Company company, string token, int offset, int limit = 100)
    {
        var json = await company.GetJsonAsync(token, $"/v1/company/employees?limit={limit}&offset={offset}");
        return ([.. json.GetProperty("data").EnumerateArray().Select(e => e.EmployeeId())], json.GetProperty("metadata").Int("total_elements"));
    }

    /// <summary>Every employee id in list order, read before any fault is armed.</summary>
    public static async Task<int[]> V1IdsAsync(this Company company, string token, int size)
    {
        var ids = new List<int>();
        for (var offset = 0; offset < size; offset += 100)
        {
            ids.AddRange((await company.V1PageAsync(token, offset)).Ids);
        }

        return [.. ids];
    }

    /// <summary>The person ids of a v2 page and its <c>next</c> link, null on the last page.</summary>
    public static async Task<(int[] Ids, string? Next)> V2PageAsync(this Company company, string token, string url)
    {
        var json = await company.GetJsonAsync(token, url);
        var links = json.GetProperty("_meta").GetProperty("links");
        return ([.. json.GetProperty("_data").EnumerateArray().Select(p => int.Parse(p.Str("id"), System.Globalization.CultureInfo.InvariantCulture))],
            links.TryGetProperty("next", out var next) ? next.Str("href") : null);
    }
}
