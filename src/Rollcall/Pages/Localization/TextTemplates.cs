using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Rollcall.Pages.Localization;

/// <summary>
/// The English texts a service writes, as templates with holes (<c>{0}</c>). Services keep writing English (the JSON
/// API and the stored runs are English); a page finds the template a text was made from and shows its translation,
/// with the holes' values passed through. A text no template matches is shown as it is.
/// </summary>
internal sealed partial class TextTemplates
{
    private readonly (string Template, Regex Pattern)[] templates;

    public TextTemplates(params string[] templates) =>
        // The most specific template first, so "Personio answered {0} on page {1}." wins over "Personio answered {0}.".
        this.templates = templates
            .OrderByDescending(t => Holes().Replace(t, "").Length)
            .Select(t => (t, new Regex($"^{Holes().Replace(Regex.Escape(t), "(.+?)")}$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))))
            .ToArray();

    public IEnumerable<string> All => templates.Select(t => t.Template);

    /// <summary>
    /// The translation of <paramref name="text"/>, or null when no template matches; <paramref name="hole"/> may
    /// translate a hole's value in turn (an English message quoted inside another).
    /// </summary>
    public string? Translate(IStringLocalizer t, string text, Func<string, string>? hole = null)
    {
        foreach (var (template, pattern) in templates)
        {
            var match = pattern.Match(text);
            if (match.Success)
            {
                var values = match.Groups.Cast<Group>().Skip(1).Select(g => hole is null ? g.Value : hole(g.Value)).ToArray<object>();
                return t[template, values].Value;
            }
        }

        return null;
    }

    // Regex.Escape turns "{0}" into "\{0}"; both forms are holes.
    [GeneratedRegex(@"\\?\{\d+\}")]
    private static partial Regex Holes();
}
