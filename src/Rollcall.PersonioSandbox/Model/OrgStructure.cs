namespace Rollcall.PersonioSandbox.Model;

internal sealed record LegalEntity(int Id, string Name, string Country, DateTimeOffset CreatedAt);

internal sealed record Office(int Id, string Name, int LegalEntityId);

internal sealed record Department(int Id, string Name, string Abbreviation);

internal sealed record Team(int Id, string Name, int DepartmentId);

internal sealed record CostCenter(int Id, string Name);

/// <summary>
/// A custom attribute definition. <paramref name="Key"/> is the v1 key (<c>dynamic_NNN</c>) and the v2 id.
/// <paramref name="Type"/> is the v1 type (standard, date, integer, decimal, list, tags, ...).
/// </summary>
internal sealed record CustomAttribute(string Key, string Label, string Type, string? UniversalId, string[] Options)
{
    /// <summary>v2 <c>global_id</c>: the universal id where one was set, else the numeric part of the key.</summary>
    public string GlobalId => UniversalId ?? Key["dynamic_".Length..];
}
