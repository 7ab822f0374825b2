using System.Globalization;
using System.Text.RegularExpressions;
using Rollcall.Data;
using Rollcall.Reasons;
using Rollcall.Sync;

namespace Rollcall.Tests.Reasons;

/// <summary>
/// Reasons are keys with arguments, rendered from one catalogue in English and German. Every key the code makes a
/// reason from has both texts with the same holes, and the catalogue holds nothing the code no longer says.
/// </summary>
public sealed partial class ReasonCatalogTests
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");
    private static readonly IReadOnlyDictionary<string, string> EnglishTexts = ReasonCatalog.Entries(CultureInfo.InvariantCulture);
    private static readonly IReadOnlyDictionary<string, string> GermanTexts = ReasonCatalog.Entries(German);

    [Fact]
    public void EnglishAndGerman_HaveTheSameKeysAndTheSameHoles()
    {
        Assert.NotEmpty(EnglishTexts);
        Assert.Equal(EnglishTexts.Keys.Order(StringComparer.Ordinal), GermanTexts.Keys.Order(StringComparer.Ordinal));
        var differing = EnglishTexts.Where(e => Holes(e.Value) != Holes(GermanTexts[e.Key])).Select(e => e.Key).ToList();
        Assert.True(differing.Count == 0, "Different holes in English and German: " + string.Join(", ", differing));
    }

    [Fact]
    public void EveryKeyTheCodeUses_IsInTheCatalogue()
    {
        var (used, onPage) = KeysInSources();

        Assert.NotEmpty(used);
        var missing = used.Concat(onPage.Select(k => k + "_on_page")).Where(k => !EnglishTexts.ContainsKey(k)).Distinct().ToList();
        Assert.True(missing.Count == 0, "Not in Reasons/Reasons.resx: " + string.Join(", ", missing));
        var fields = MappedFields.All.Select(f => f.Name).Append("firstName").Append("lastName").Select(n => "field." + n);
        Assert.All(fields, f => Assert.True(EnglishTexts.ContainsKey(f), f));
    }

    [Fact]
    public void EveryKeyInTheCatalogue_IsUsedByTheCode()
    {
        var (used, onPage) = KeysInSources();
        var said = used.Concat(onPage.Select(k => k + "_on_page")).Append(Reason.TextKey).ToHashSet(StringComparer.Ordinal);

        var unused = EnglishTexts.Keys.Where(k => !said.Contains(k) && !k.StartsWith("field.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unused.Count == 0, "In the catalogue but never said: " + string.Join(", ", unused));
    }

    [Fact]
    public void Render_QuotedReasonInTheSameLanguage_NumbersAsWritten()
    {
        var failed = new Reason("personio_failed", new Reason("personio.server_error_on_page", 503, 12));

        Assert.Equal("Personio answered 503 on page 12. Nothing was changed.", failed.Render(CultureInfo.InvariantCulture));
        Assert.Equal("Personio hat bei Seite 12 mit 503 geantwortet. Nichts wurde geändert.", failed.Render(German));
        Assert.Equal("Would deactivate 12345 users, above the mass-change threshold; held for approval.", new Reason("held", 12345).English());
    }

    [Fact]
    public void Render_FollowsTheCurrentUiCulture()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("In Personio inaktiv.", new Reason("inactive").Render());
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            Assert.Equal("Inactive in Personio.", new Reason("inactive").Render());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Render_UnknownKeyOrMissingArgument_ShowsTheKeyRatherThanFailing()
    {
        Assert.Equal("from_a_newer_version(7)", new Reason("from_a_newer_version", 7).English());
        Assert.Equal("held", new Reason("held").English());
        Assert.Equal("An old sentence, kept as it was.", Reason.Text("An old sentence, kept as it was.").Render(German));
    }

    [Fact]
    public void Json_RoundTripsNestedReasonsNumbersAndTexts()
    {
        var reason = new Reason("dropped.unconfirmed", new Reason("read_unsettled.completed", 3, "total_changed, duplicate_record", 42L));

        var json = reason.ToJson();

        Assert.Equal("""{"key":"dropped.unconfirmed","args":[{"key":"read_unsettled.completed","args":[3,"total_changed, duplicate_record",42]}]}""", json);
        Assert.Equal(reason, Reason.FromJson(json));
        Assert.Equal("read_unsettled", ((Reason)Reason.FromJson(json).Args[0]).Code);
    }

    [Fact]
    public void LongTextArgument_CutAndMarked_NoSurrogateSplit()
    {
        var ids = string.Join(", ", Enumerable.Range(1, 400));
        var emoji = new string('a', Reason.MaxArgumentLength - 2) + "😀😀";

        var cut = (string)new Reason("duplicate_email", ids).Args[0];
        var cutEmoji = (string)new Reason("duplicate_email", emoji).Args[0];

        Assert.Equal(Reason.MaxArgumentLength, cut.Length);
        Assert.EndsWith("…", cut);
        Assert.False(char.IsHighSurrogate(cutEmoji[^2]), "a surrogate pair was split");
        Assert.Throws<ArgumentException>(() => new Reason("held", 1.5));
    }

    /// <summary>
    /// The keys the code makes reasons from: <c>new Reason("…")</c> (also both sides of a <c>? "…" : "…"</c>),
    /// <c>ProblemCodes.X("…")</c>, <c>PersonioException.OnPage(…, "…")</c> (which also says <c>{key}_on_page</c>), a
    /// dropped step's, a mail change's problem, and the missing-permission keys the Personio client passes on.
    /// </summary>
    private static (HashSet<string> Used, HashSet<string> OnPage) KeysInSources()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var onPage = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src", "Rollcall"), "*.cs", SearchOption.AllDirectories))
        {
            var source = File.ReadAllText(file);
            foreach (Match match in ReasonKey().Matches(source))
            {
                // "field." + a field's name: the field words are checked against the mapped fields.
                var keys = match.Groups.Cast<Group>().Skip(1).Where(g => g.Success && !g.Value.EndsWith('.')).Select(g => g.Value).ToList();
                used.UnionWith(keys);
                if (match.Value.StartsWith("PersonioException.OnPage", StringComparison.Ordinal))
                {
                    onPage.UnionWith(keys);
                }
            }
        }

        Assert.All(used, k => Assert.Matches(Key(), k));
        return (used, onPage);
    }

    private static string Holes(string text) => string.Join(",", HoleNumber().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rollcall.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Rollcall.slnx) is not above the test's folder.");
    }

    [GeneratedRegex("""
        new\sReason\(\s*"(?<a>[^"]+)"
        | new\sReason\([^"();]*\?\s*"(?<a>[^"]+)"\s*:\s*"(?<b>[^"]+)"
        | ProblemCodes\.(?:NotFound|Conflict|Invalid|Create)\((?:[^",()]+,\s*)?"(?<a>[^"]+)"
        | ProblemCodes\.(?:NotFound|Conflict|Invalid|Create)\([^"();]*\?\s*"(?<a>[^"]+)"\s*:\s*"(?<b>[^"]+)"
        | PersonioException\.OnPage\([^"]*?"(?<a>[^"]+)"
        | Dropped\((?:[^"();]*\?\s*)?"(?<a>[^"]+)"(?:\s*:\s*"(?<b>[^"]+)")?
        | ChangeAsync\(companyId,\s*messageId,\s*"(?<a>[^"]+)"
        | "(?<a>personio\.\w+_not_readable)"
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture)]
    private static partial Regex ReasonKey();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*(\.[a-z][a-zA-Z0-9_]*)?$")]
    private static partial Regex Key();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex HoleNumber();
}
