using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rollcall.Tests.Infrastructure;

public static class Json
{
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body) ?? throw new InvalidOperationException("Empty JSON body");
    }

    /// <summary>The stable <c>code</c> of a problem-details answer.</summary>
    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage response, HttpStatusCode expected) =>
        (await response.ReadJsonAsync(expected))["code"]?.GetValue<string>();

    public static Task<HttpResponseMessage> PatchJsonAsync<T>(this HttpClient client, string path, T body) =>
        client.PatchAsync(path, JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web)));
}
