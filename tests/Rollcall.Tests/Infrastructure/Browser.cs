using System.Net;
using System.Text.RegularExpressions;

namespace Rollcall.Tests.Infrastructure;

/// <summary>Form posts as a browser sends them: with the antiforgery token read from the page.</summary>
public static partial class Browser
{
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string path, IDictionary<string, string> fields)
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await PostWithTokenAsync(client, path, fields, page, path);
    }

    /// <summary>
    /// A form post to <paramref name="path"/> with an antiforgery token read from <paramref name="tokenFrom"/> (any page that
    /// renders a form for this client): for pages that answer with an error status and so have no form of their own.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, IDictionary<string, string> fields, string tokenFrom = "/login") =>
        await PostWithTokenAsync(client, path, fields, await client.GetAsync(tokenFrom), tokenFrom);

    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string path, IDictionary<string, string> fields, HttpResponseMessage page, string pagePath)
    {
        var token = AntiforgeryToken().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, $"No antiforgery token on {pagePath}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password) =>
        client.SubmitFormAsync("/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
