using System.Globalization;
using System.Text.Json;

namespace Rollcall.Mail.Notifications;

/// <summary>
/// A notification's arguments, language-neutral strings (ids, numbers, attribute keys, ISO dates), kept in the outbox
/// row's <c>Detail</c> as a JSON object. Rows queued before notifications were typed hold an English sentence there
/// instead, which never starts with <c>{</c>: <see cref="TryRead"/> tells the two apart.
/// </summary>
internal sealed class NotificationArguments
{
    private readonly Dictionary<string, string> _values;

    public NotificationArguments() => _values = new(StringComparer.Ordinal);

    private NotificationArguments(Dictionary<string, string> values) => _values = values;

    public NotificationArguments With(string name, string value)
    {
        _values[name] = value;
        return this;
    }

    public NotificationArguments With(string name, Guid value) => With(name, value.ToString("D", CultureInfo.InvariantCulture));

    public NotificationArguments With(string name, int value) => With(name, value.ToString(CultureInfo.InvariantCulture));

    public NotificationArguments With(string name, DateTime? value) =>
        value is { } date ? With(name, date.ToString("O", CultureInfo.InvariantCulture)) : this;

    public string Text(string name) => _values[name];

    public string? TextOrNull(string name) => _values.GetValueOrDefault(name);

    public Guid Id(string name) => Guid.Parse(_values[name], CultureInfo.InvariantCulture);

    public int Number(string name) => int.Parse(_values[name], NumberStyles.Integer, CultureInfo.InvariantCulture);

    public DateTime? Date(string name) =>
        _values.TryGetValue(name, out var date) ? DateTime.Parse(date, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

    public string ToJson() => JsonSerializer.Serialize(_values);

    /// <summary>The arguments in a row's <c>Detail</c>, or null for a row queued before notifications were typed.</summary>
    public static NotificationArguments? TryRead(string? detail)
    {
        if (detail is null || !detail.StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(detail) is { } values
                ? new NotificationArguments(new Dictionary<string, string>(values, StringComparer.Ordinal))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
