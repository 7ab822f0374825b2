using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Explorer;

/// <summary>What the explorer tests share: reading people through the API, and the stored rows.</summary>
internal static class ExplorerKit
{
    public static string PeoplePath(SyncScenario s) => $"/api/companies/{s.Company.Id}/personio/people";

    /// <summary>Every person the API lists for <paramref name="query"/> (first page of 200).</summary>
    public static async Task<List<JsonNode>> PeopleAsync(SyncScenario s, string query = "")
    {
        var separator = query.Length == 0 ? "?" : "&";
        var page = await (await s.Api.GetAsync($"{PeoplePath(s)}{(query.Length == 0 ? "" : "?" + query)}{separator}pageSize=200")).ReadJsonAsync(HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Select(p => p!)];
    }

    public static async Task<JsonNode> PersonAsync(SyncScenario s, long personioId, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{PeoplePath(s)}/{personioId}");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await (await s.Api.SendAsync(request)).ReadJsonAsync(HttpStatusCode.OK);
    }

    public static long Id(JsonNode person) => person["id"]!.GetValue<long>();

    public static string Text(JsonNode person, string field) => person[field]!.GetValue<string>();

    public static (string Outcome, string Code) Why(JsonNode person) => (Text(person, "outcome"), Text(person, "reasonCode"));

    public static Task<List<PersonDecision>> RowsAsync(SyncScenario s) =>
        s.App.WithDbAsync(db => db.PersonDecisions.AsNoTracking().Where(d => d.CompanyId == s.Company.Id).OrderBy(d => d.PersonioEmployeeId).ToListAsync());
}
