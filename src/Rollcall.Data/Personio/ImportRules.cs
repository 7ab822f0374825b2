using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rollcall.Data.Personio;

/// <summary>
/// Who becomes a user, as a company's admins set it: which legal entities, offices and departments are in scope,
/// whether externals are imported, what leave does, and how early new hires are invited. The defaults are Rollcall's
/// first rules: everyone in scope, internal employees only, leave keeps the user, invited once active.
/// </summary>
public sealed record ImportRules(ImportScope Scope, bool ImportExternals, LeavePolicy Leave, int? OnboardingInviteDays)
{
    public static readonly ImportRules Default = new(ImportScope.All, false, LeavePolicy.KeepUser, null);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImportRules FromJson(string json) => JsonSerializer.Deserialize<ImportRules>(json, Json) ?? Default;

    public bool Equals(ImportRules? other) => other is not null && ToJson() == other.ToJson();

    public override int GetHashCode() => ToJson().GetHashCode(StringComparison.Ordinal);
}

/// <summary>Which legal entities, offices and departments are in scope; each list empty means all.</summary>
public sealed record ImportScope(ScopeList LegalEntities, ScopeList Offices, ScopeList Departments)
{
    public static readonly ImportScope All = new(ScopeList.All, ScopeList.All, ScopeList.All);

    public bool IsAll => LegalEntities.IsAll && Offices.IsAll && Departments.IsAll;

    public string ToJson() => JsonSerializer.Serialize(this, ScopeJson);

    public static ImportScope FromJson(string json) => JsonSerializer.Deserialize<ImportScope>(json, ScopeJson) ?? All;

    public bool Equals(ImportScope? other) => other is not null && ToJson() == other.ToJson();

    public override int GetHashCode() => ToJson().GetHashCode(StringComparison.Ordinal);

    private static readonly JsonSerializerOptions ScopeJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
}

/// <summary>Personio ids to include (only these) or exclude (all but these); an empty list admits everyone.</summary>
public sealed record ScopeList(ScopeMode Mode, IReadOnlyList<string> Ids)
{
    public static readonly ScopeList All = new(ScopeMode.Include, []);

    public bool IsAll => Ids.Count == 0;

    /// <summary>Whether a person in unit <paramref name="id"/> (null: none) is in scope.</summary>
    public bool Admits(string? id) => IsAll || (Mode == ScopeMode.Include ? id is not null && Set.Contains(id) : id is null || !Set.Contains(id));

    /// <summary>The ids as a set, made once: every employee of every run is checked against up to three lists.</summary>
    [JsonIgnore]
    private HashSet<string> Set => field ??= [.. Ids];

    public bool Equals(ScopeList? other) => other is not null && Mode == other.Mode && Ids.SequenceEqual(other.Ids);

    public override int GetHashCode() => Ids.Aggregate(Mode.GetHashCode(), HashCode.Combine);
}

public enum ScopeMode
{
    Include,
    Exclude,
}
