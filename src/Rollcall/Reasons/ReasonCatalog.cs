using System.Collections;
using System.Globalization;
using System.Resources;
using Rollcall.Data;

namespace Rollcall.Reasons;

/// <summary>
/// The one catalogue of what reasons say: <c>Reasons/Reasons.resx</c> (English) and <c>Reasons.de.resx</c> (German),
/// one entry per key with numbered holes for the arguments. Run, step and problem reasons, and the Personio
/// failures they quote, are rendered from here when shown: pages in the page's language, the JSON API in the
/// caller's (<c>Accept-Language</c>), logs and exception messages in English.
/// </summary>
internal static class ReasonCatalog
{
    private static readonly ResourceManager Resources = new("Rollcall.Reasons.Reasons", typeof(ReasonCatalog).Assembly);

    /// <summary>The reason in <paramref name="culture"/>, by default the current UI culture (a request's language).</summary>
    public static string Render(this Reason reason, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var args = reason.Args.Select(a => a switch
        {
            Reason inner => inner.Render(culture),
            long number => number.ToString(CultureInfo.InvariantCulture), // ids, counts and pages, as the API writes them
            _ => a,
        }).ToArray();
        try
        {
            // A key this version does not know (written by a newer node) shows as its code and arguments.
            return Resources.GetString(reason.Key, culture) is { } template ? string.Format(culture, template, args) : reason.ToString();
        }
        catch (FormatException)
        {
            return reason.ToString();
        }
    }

    /// <summary>For logs and exception messages.</summary>
    public static string English(this Reason reason) => reason.Render(CultureInfo.InvariantCulture);

    /// <summary>Every key with its text in <paramref name="culture"/> (the neutral English set for the invariant culture).</summary>
    public static IReadOnlyDictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal) ?? [];
}
