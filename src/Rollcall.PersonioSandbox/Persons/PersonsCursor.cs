using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary>
/// Opaque <c>cur_...</c> cursor. It carries the filters and limit of the first request, so a client that
/// only follows <c>next.href</c> and one that re-sends its filters with the cursor get the same pages.
/// </summary>
internal sealed record PersonsCursor(int Page, int Limit, string After, string Filters)
{
    private const string Prefix = "cur_";

    public string Encode()
    {
        var raw = string.Join('|', Page.ToString(CultureInfo.InvariantCulture), Limit.ToString(CultureInfo.InvariantCulture), After, Filters);
        return Prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(raw));
    }

    public static PersonsCursor? Decode(string value)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value.AsSpan(Prefix.Length))).Split('|', 4);
            return parts.Length == 4
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var page)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
                ? new PersonsCursor(page, limit, parts[2], parts[3])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
