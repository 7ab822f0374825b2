using System.Globalization;
using System.Text.Json;

namespace Rollcall.Personio;

/// <summary>
/// Lenient readers for Personio's JSON: numbers that arrive as strings, dates with or without time and offset,
/// lists where a single value was expected. Unknown fields are simply never read.
/// </summary>
internal static class PersonioJson
{
    public static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    /// <summary>Chains through absent values: <c>a.Property("x").Property("y")</c> is null if any step is missing.</summary>
    public static JsonElement? Property(this JsonElement? element, string name) => element?.Property(name);

    public static string? AsText(this JsonElement? element) => element?.ValueKind switch
    {
        JsonValueKind.String => NullIfEmpty(element.Value.GetString()!.Trim()),
        JsonValueKind.Number => element.Value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => NullIfEmpty(string.Join(", ", element.Value.EnumerateArray().Select(e => ((JsonElement?)e).AsText()).OfType<string>())),
        _ => null,
    };

    public static long? AsLong(this JsonElement? element) => element?.ValueKind switch
    {
        JsonValueKind.Number when element.Value.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(element.Value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static decimal? AsDecimal(this JsonElement? element) => element?.ValueKind switch
    {
        JsonValueKind.Number when element.Value.TryGetDecimal(out var number) => number,
        JsonValueKind.String when decimal.TryParse(element.Value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static int? AsInt(this JsonElement? element) => element.AsLong() is { } value and >= int.MinValue and <= int.MaxValue ? (int)value : null;

    /// <summary>A calendar date from <c>2021-03-01</c> or <c>2021-03-01T00:00:00+01:00</c> (the date as written).</summary>
    public static DateOnly? AsDate(this JsonElement? element)
    {
        var text = element.AsText();
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Length >= 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
    }

    /// <summary>A moment from an ISO 8601 text; without an offset it is taken as UTC.</summary>
    public static DateTimeOffset? AsMoment(this JsonElement? element) =>
        DateTimeOffset.TryParse(element.AsText(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) ? moment : null;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
