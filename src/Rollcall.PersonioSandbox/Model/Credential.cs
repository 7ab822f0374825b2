using System.Collections.Frozen;

namespace Rollcall.PersonioSandbox.Model;

/// <summary>
/// An API credential. <see cref="ReadableAttributes"/> is the "Readable employee attributes" whitelist
/// (null means every attribute); <see cref="LegalEntityIds"/> restricts the visible employees (null means all).
/// </summary>
internal sealed record Credential
{
    public required string ClientId { get; init; }
    public required string Secret { get; init; }
    public required string CompanyId { get; init; }
    public bool Enabled { get; init; } = true;
    public FrozenSet<string>? ReadableAttributes { get; init; }
    public FrozenSet<int>? LegalEntityIds { get; init; }
    public required FrozenSet<string> Scopes { get; init; }

    public bool CanRead(string attributeKey) => ReadableAttributes is null || ReadableAttributes.Contains(attributeKey);

    /// <summary>A credential restricted to legal entities does not see an employee without one.</summary>
    public bool Sees(Person person) =>
        LegalEntityIds is null || (person.Current.LegalEntityId is { } entity && LegalEntityIds.Contains(entity));

    // The secret is deliberately left out so that a logged or printed record never leaks it.
    public override string ToString() => $"Credential {ClientId} (company {CompanyId}, enabled {Enabled})";
}
