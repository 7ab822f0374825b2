using System.Text.RegularExpressions;

namespace Rollcall.Tests.Architecture;

/// <summary>
/// The host's top-level folders are features (plus <c>Endpoints/</c>, <c>Pages/</c> and the composition root
/// <c>Hosting/</c>). A folder that uses another names it (<c>using Rollcall.Sync;</c> or <c>Rollcall.Sync.X</c>);
/// no folder may use one that uses it back, directly or around a longer loop.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    private static readonly string Host = Path.Combine(RepositoryRoot(), "src", "Rollcall");

    [Fact]
    public void FeatureFolders_HaveNoDependencyCycle()
    {
        var graph = Dependencies();

        var cycle = FindCycle(graph.ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Value.Keys));

        Assert.True(cycle is null, cycle is null ? "" : "Cycle: " + string.Join(" → ", cycle) + "\n" + string.Join("\n",
            cycle.Zip(cycle.Skip(1)).Select(edge => $"{edge.First} uses {edge.Second} in {string.Join(", ", graph[edge.First][edge.Second].Take(3))}")));
    }

    /// <summary>
    /// <c>Reasons/</c> (the reason catalogue) and <c>Telemetry/</c> (the meter's and the spans' name) are shared by every
    /// feature, so they use none.
    /// </summary>
    [Fact]
    public void Personio_IsTheClientOnly_UsingNoFeature_OnlyTheReasonCatalogueAndTelemetry()
    {
        var graph = Dependencies();

        Assert.Equal(["Reasons", "Telemetry"], graph.GetValueOrDefault("Personio")?.Keys.Order(StringComparer.Ordinal).ToList() ?? []);
        Assert.Empty(graph["Reasons"].Keys);
        Assert.Empty(graph["Telemetry"].Keys);
    }

    [Fact]
    public void CycleFinder_FindsALoopAroundThreeFolders()
    {
        var graph = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["Sync"] = ["Mail"], ["Mail"] = ["Directory"], ["Directory"] = ["Sync"], ["Pages"] = ["Sync"],
        };

        Assert.Equal(["Directory", "Sync", "Mail", "Directory"], FindCycle(graph));
        Assert.Null(FindCycle(new Dictionary<string, IReadOnlyCollection<string>> { ["Pages"] = ["Sync"], ["Sync"] = ["Mail"] }));
    }

    /// <summary>
    /// Folder → folders it names → the files that name them. <c>Rollcall.Data</c> is left out as a target: it is
    /// the data-model project's namespace too, which every feature uses; the <c>Data/</c> folder itself is checked
    /// like any other as a source.
    /// </summary>
    private static Dictionary<string, Dictionary<string, List<string>>> Dependencies()
    {
        var folders = System.IO.Directory.GetDirectories(Host).Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not ("bin" or "obj" or "Properties" or "Resources" or "wwwroot" or "data")).ToHashSet();
        var graph = folders.ToDictionary(f => f, _ => new Dictionary<string, List<string>>());
        foreach (var folder in folders)
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(Host, folder), "*.*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
            {
                foreach (Match match in Reference().Matches(File.ReadAllText(file)))
                {
                    var target = match.Groups[1].Value;
                    if (target != folder && target != "Data" && folders.Contains(target))
                    {
                        var files = graph[folder].TryGetValue(target, out var list) ? list : graph[folder][target] = [];
                        files.Add(Path.GetRelativePath(Host, file));
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>The first cycle found, as a path that ends where it starts; null when there is none.</summary>
    private static List<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlyCollection<string>> graph)
    {
        var done = new HashSet<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            var path = new List<string>();
            if (Visit(start, graph, path, done) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static List<string>? Visit(string node, IReadOnlyDictionary<string, IReadOnlyCollection<string>> graph, List<string> path, HashSet<string> done)
    {
        if (path.IndexOf(node) is var at and >= 0)
        {
            return [.. path[at..], node];
        }

        if (!done.Add(node))
        {
            return null;
        }

        path.Add(node);
        foreach (var next in (graph.GetValueOrDefault(node) ?? []).Order(StringComparer.Ordinal))
        {
            if (Visit(next, graph, path, done) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        return null;
    }

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

    [GeneratedRegex(@"\bRollcall\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex Reference();
}
