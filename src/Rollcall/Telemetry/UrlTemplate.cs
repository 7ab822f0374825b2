namespace Rollcall.Telemetry;

/// <summary>
/// A URL path with every segment that could be data replaced by <c>{id}</c>: only short words of lowercase letters,
/// dashes and underscores (<c>company</c>, <c>org-units</c>) and API versions (<c>v1</c>) stay.
/// </summary>
internal static class UrlTemplate
{
    private const int LongestWord = 32;

    public static string Of(string path)
    {
        if (path.Length <= 1)
        {
            return "/";
        }

        var segments = path.Trim('/').Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!IsWord(segments[i]))
            {
                segments[i] = "{id}";
            }
        }

        return "/" + string.Join('/', segments);
    }

    private static bool IsWord(string segment) =>
        segment.Length is > 0 and <= LongestWord
        && (segment.All(c => c is (>= 'a' and <= 'z') or '-' or '_') || IsVersion(segment));

    private static bool IsVersion(string segment) => segment.Length >= 2 && segment[0] == 'v' && segment.Skip(1).All(char.IsAsciiDigit);
}
