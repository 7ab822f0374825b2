using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rollcall.Data;

/// <summary>
/// Why something happened, as a stable key and its arguments; never a sentence. Texts are rendered when shown, in
/// the reader's language, from the host's one catalogue (<c>Reasons/Reasons.resx</c> and <c>Reasons.de.resx</c>). The
/// key's part before the first dot is the reason's <see cref="Code"/> (<c>gone.confirmed</c> → <c>gone</c>), which
/// clients switch on. An argument is a text, a whole number or another reason (a Personio failure quoted in a run's
/// reason), so nothing language-bound is ever stored.
/// </summary>
public sealed class Reason : IEquatable<Reason>
{
    /// <summary>An argument's text is cut to this length (a list of ids, an email): stored reasons stay small.</summary>
    public const int MaxArgumentLength = 500;

    /// <summary>Texts written before reasons were codes, shown as they are (English).</summary>
    public const string TextKey = "text";

    public Reason(string key, params object[] args)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key;
        Args = args.Select(Argument).ToArray();
    }

    public string Key { get; }

    /// <summary>Each a <see cref="string"/>, a <see cref="long"/> or a <see cref="Reason"/>.</summary>
    public IReadOnlyList<object> Args { get; }

    public string Code => Key.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? Key[..dot] : Key;

    /// <summary>An old stored text, kept and shown as it is.</summary>
    public static Reason Text(string text) => new(TextKey, text);

    public bool Equals(Reason? other) =>
        other is not null && Key == other.Key && Args.SequenceEqual(other.Args);

    public override bool Equals(object? obj) => Equals(obj as Reason);

    public override int GetHashCode() => Args.Aggregate(Key.GetHashCode(StringComparison.Ordinal), HashCode.Combine);

    /// <summary>The key and its arguments, for logs and debugging; pages and the API render it from the catalogue.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Key);
        if (Args.Count > 0)
        {
            text.Append('(').AppendJoin(", ", Args).Append(')');
        }

        return text.ToString();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Reason FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    private void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("key", Key);
        if (Args.Count > 0)
        {
            writer.WriteStartArray("args");
            foreach (var arg in Args)
            {
                switch (arg)
                {
                    case Reason reason:
                        reason.Write(writer);
                        break;
                    case long number:
                        writer.WriteNumberValue(number);
                        break;
                    default:
                        writer.WriteStringValue((string)arg);
                        break;
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static Reason Read(JsonElement element)
    {
        var key = element.GetProperty("key").GetString() ?? throw new JsonException("A reason without a key.");
        var args = element.TryGetProperty("args", out var list)
            ? list.EnumerateArray().Select(a => a.ValueKind switch
            {
                JsonValueKind.Object => Read(a),
                JsonValueKind.Number => a.GetInt64(),
                _ => (object)(a.GetString() ?? ""),
            }).ToArray()
            : [];
        return new Reason(key, args);
    }

    private static object Argument(object arg) => arg switch
    {
        Reason reason => reason,
        string text => Cut(text),
        int or long or short => Convert.ToInt64(arg, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"A reason's argument is a text, a whole number or a reason, not {arg.GetType().Name}.", nameof(arg)),
    };

    /// <summary>At most <see cref="MaxArgumentLength"/> characters, the cut marked, never splitting a surrogate pair.</summary>
    private static string Cut(string text)
    {
        if (text.Length <= MaxArgumentLength)
        {
            return text;
        }

        var length = MaxArgumentLength - 1;
        return text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)] + "…";
    }
}
