using System.Collections;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Rollcall.Tests.Hosting;

/// <summary>
/// compose.yaml, the Dockerfile and the proxy's Caddyfile cannot be run here, so they are read: every setting they give
/// Rollcall must be a real option (and documented), the paths they name must exist, the nodes must share their database
/// and key ring, and the proxy must reach every node and be the proxy the nodes trust.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = RepositoryRoot();
    private static readonly Dictionary<object, object> Compose = ReadCompose();
    private static readonly List<string> Dockerfile = DockerfileInstructions();

    [Fact]
    public void Compose_TwoRollcallNodes_BuiltFromTheRepositoryDockerfile()
    {
        var nodes = Nodes();

        Assert.True(nodes.Count >= 2, "compose.yaml should run at least two Rollcall nodes");
        Assert.All(nodes, node =>
        {
            var build = Map(node.Value["build"]);
            Assert.True(File.Exists(Path.Combine(Root, (string)build["context"], (string)build["dockerfile"])), $"{node.Key} builds from a Dockerfile that is not there");
        });
    }

    [Fact]
    public void Compose_EverySettingItGivesRollcall_IsARealOptionDocumentedInTheReadme()
    {
        var keys = Nodes().SelectMany(n => Environment(n.Value).Keys).Concat(DockerfileEnvironment().Keys).Distinct().ToList();
        var documented = ReadmeKeys();

        Assert.NotEmpty(keys);
        Assert.All(keys.Where(k => !k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) && !k.StartsWith("DOTNET_", StringComparison.Ordinal)), key =>
        {
            var path = key.Split("__");
            Assert.True(path.Length >= 2, $"{key} is not a Section__Key setting");
            Assert.True(IsOption(path), $"{key} names no option of Rollcall's (Section__Key, as in the README's configuration table)");
            var setting = string.Join(':', path.Where(p => !p.All(char.IsAsciiDigit)));
            Assert.True(documented.Contains(setting), $"{setting} (from {key}) is missing from the README's configuration table");
        });
    }

    [Fact]
    public void Compose_Nodes_ShareTheirDatabaseAndKeyRing()
    {
        var nodes = Nodes();
        var shared = nodes.Select(n => Environment(n.Value).Where(e => e.Key.StartsWith("Database__", StringComparison.Ordinal) || e.Key.StartsWith("DataProtection__", StringComparison.Ordinal))
            .OrderBy(e => e.Key, StringComparer.Ordinal).ToList()).ToList();

        Assert.All(shared, settings => Assert.Equal(shared[0], settings));
        var database = Environment(nodes[0].Value);
        Assert.Equal("Postgres", database["Database__Provider"]);
        var host = HostRegex().Match(database["Database__ConnectionString"]).Groups[1].Value;
        Assert.True(Services().ContainsKey(host), $"the connection string's host {host} is no service of compose.yaml");
        // A key ring in a folder (rather than the database) must be one folder for all nodes.
        if (database.TryGetValue("DataProtection__KeysFolder", out var folder))
        {
            Assert.Single(nodes.Select(n => Volumes(n.Value).SingleOrDefault(v => v.EndsWith(":" + folder, StringComparison.Ordinal))).Distinct());
        }
    }

    [Fact]
    public void Compose_Proxy_ForwardsToEveryNodeWhenReady_AndIsTheProxyTheNodesTrust()
    {
        var proxy = Assert.Single(Services(), s => Map(s.Value).TryGetValue("image", out var image) && ((string)image).StartsWith("caddy", StringComparison.Ordinal));
        var caddyfile = Volumes(Map(proxy.Value)).Select(v => v.Split(':')[0]).Single(v => v.EndsWith("Caddyfile", StringComparison.Ordinal));
        var config = File.ReadAllText(Path.Combine(Root, caddyfile));
        var port = DockerfileEnvironment()["ASPNETCORE_HTTP_PORTS"];
        var upstreams = ReverseProxyRegex().Match(config).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Nodes().Select(n => $"{n.Key}:{port}").Order(), upstreams.Order());
        Assert.Contains("health_uri /health/ready", config);
        Assert.Contains("respond /metrics 404", config);
        var address = IPAddress.Parse((string)Map(Map(Map(proxy.Value)["networks"])["backend"])["ipv4_address"]);
        Assert.All(Nodes(), node =>
        {
            var environment = Environment(node.Value);
            var trusted = environment.Where(e => e.Key.StartsWith("Web__TrustedProxies__", StringComparison.Ordinal)).Select(e => IPAddress.Parse(e.Value))
                .Contains(address)
                || environment.Where(e => e.Key.StartsWith("Web__TrustedNetworks__", StringComparison.Ordinal)).Any(e => IPNetwork.Parse(e.Value).Contains(address));
            Assert.True(trusted, $"{node.Key} does not trust the proxy's address {address}");
        });
    }

    [Fact]
    public void Dockerfile_CopiesPathsThatExist_PublishesTheHost_AndRunsAsNonRootWithADataVolume()
    {
        var copied = Dockerfile.Where(i => i.StartsWith("COPY ", StringComparison.Ordinal) && !i.Contains("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToList();
        var publish = Assert.Single(Dockerfile, i => i.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
        var project = publish.Split(' ')[3];

        Assert.NotEmpty(copied);
        Assert.All(copied, path => Assert.True(File.Exists(Path.Combine(Root, path)) || System.IO.Directory.Exists(Path.Combine(Root, path)), $"COPY {path}: no such path"));
        Assert.Equal("src/Rollcall/Rollcall.csproj", project);
        Assert.True(File.Exists(Path.Combine(Root, project)));
        Assert.Contains(copied, c => c.TrimEnd('/') == Path.GetDirectoryName(project));
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", Dockerfile.Last(i => i.StartsWith("FROM ", StringComparison.Ordinal)));
        var user = Dockerfile.Last(i => i.StartsWith("USER ", StringComparison.Ordinal))[5..].Trim();
        Assert.False(user is "root" or "0", "the image must not run as root");
        Assert.Contains($"VOLUME [\"{DockerfileEnvironment()["Database__DataDirectory"]}\"]", Dockerfile);
    }

    [Fact]
    public void Readme_DocumentsEveryTelemetryAndWebSetting()
    {
        var documented = ReadmeKeys();
        foreach (var type in new[] { typeof(Rollcall.Telemetry.TelemetryOptions), typeof(Rollcall.Hosting.WebOptions) })
        {
            var section = (string)type.GetField("Section")!.GetValue(null)!;
            foreach (var key in Settings(section, type))
            {
                Assert.True(documented.Contains(key), $"{key} is missing from the README's configuration table");
            }
        }
    }

    /// <summary>Every settable leaf under <paramref name="prefix"/>: nested option objects are walked, lists and values are leaves.</summary>
    private static IEnumerable<string> Settings(string prefix, Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .SelectMany(p => IsLeaf(p.PropertyType) ? [$"{prefix}:{p.Name}"] : Settings($"{prefix}:{p.Name}", p.PropertyType));

    private static bool IsLeaf(Type type) => type.IsValueType || type == typeof(string) || type == typeof(Uri) || typeof(IEnumerable).IsAssignableFrom(type)
        || Nullable.GetUnderlyingType(type) is not null;

    /// <summary>
    /// Whether <paramref name="path"/> (Section, Property, … with list indexes) names a property of an options class;
    /// a section may be bound by several classes, each with its own keys (<c>Webhooks</c>).
    /// </summary>
    private static bool IsOption(string[] path) =>
        typeof(Rollcall.Data.DatabaseOptions).Assembly.GetTypes()
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Field is { IsLiteral: true } && t.Type.Name.EndsWith("Options", StringComparison.Ordinal)
                && string.Equals((string)t.Field!.GetRawConstantValue()!, path[0], StringComparison.OrdinalIgnoreCase))
            .Any(t => IsOptionOf(t.Type, path[1..]));

    private static bool IsOptionOf(Type type, string[] path)
    {
        foreach (var part in path)
        {
            if (part.All(char.IsAsciiDigit))
            {
                if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
                {
                    type = type.GetGenericArguments()[0];
                    continue;
                }

                return false;
            }

            if (type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is not { CanWrite: true } property)
            {
                return false;
            }

            type = property.PropertyType;
        }

        return IsLeaf(type);
    }

    /// <summary>The keys of the README's configuration table; <c>`Mail:Smtp:Host` / `Port`</c> names <c>Mail:Smtp:Port</c> too.</summary>
    private static HashSet<string> ReadmeKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(Root, "README.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var prefix = "";
            foreach (Match match in CodeRegex().Matches(line.Split('|')[1]))
            {
                var key = match.Groups[1].Value;
                if (key.Contains(':', StringComparison.Ordinal))
                {
                    prefix = key[..(key.LastIndexOf(':') + 1)];
                    keys.Add(key);
                }
                else
                {
                    keys.Add(prefix + key);
                }
            }
        }

        return keys;
    }

    private static Dictionary<object, object> Services() => Map(Compose["services"]);

    private static List<KeyValuePair<string, Dictionary<object, object>>> Nodes() => Services()
        .Where(s => Map(s.Value).ContainsKey("build"))
        .Select(s => new KeyValuePair<string, Dictionary<object, object>>((string)s.Key, Map(s.Value)))
        .OrderBy(s => s.Key, StringComparer.Ordinal).ToList();

    private static Dictionary<string, string> Environment(Dictionary<object, object> service) =>
        service.TryGetValue("environment", out var environment)
            ? Map(environment).ToDictionary(e => (string)e.Key, e => (string)e.Value, StringComparer.Ordinal)
            : [];

    private static List<string> Volumes(Dictionary<object, object> service) =>
        service.TryGetValue("volumes", out var volumes) ? ((List<object>)volumes).Cast<string>().ToList() : [];

    private static Dictionary<object, object> Map(object node) => (Dictionary<object, object>)node;

    /// <summary>compose.yaml with its <c>&lt;&lt;: *anchor</c> merges applied, as Compose applies them.</summary>
    private static Dictionary<object, object> ReadCompose()
    {
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Root, "compose.yaml")));
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
    }

    /// <summary>The Dockerfile's instructions, one per entry, with continued lines joined and comments left out.</summary>
    private static List<string> DockerfileInstructions() =>
        File.ReadAllText(Path.Combine(Root, "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Select(l => WhitespaceRegex().Replace(l.Trim(), " "))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    private static Dictionary<string, string> DockerfileEnvironment() => Dockerfile.Where(i => i.StartsWith("ENV ", StringComparison.Ordinal))
        .SelectMany(i => i[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

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

    [GeneratedRegex(@"Host=([^;]+)")]
    private static partial Regex HostRegex();

    [GeneratedRegex(@"reverse_proxy ([^{\n]+)\{")]
    private static partial Regex ReverseProxyRegex();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
