namespace Rollcall.PersonioSandbox.Tests;

internal static class JsonHelpers
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static int Int(this JsonElement element, string name) => element.GetProperty(name).GetInt32();

    /// <summary>Property names of an object, in order.</summary>
    public static string[] Keys(this JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>The <c>value</c> of a v1 attribute object.</summary>
    public static JsonElement Attr(this JsonElement employee, string key) => employee.GetProperty("attributes").GetProperty(key).GetProperty("value");

    public static int EmployeeId(this JsonElement employee) => employee.Attr("id").GetInt32();
}
