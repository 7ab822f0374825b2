using System.Collections.Frozen;

namespace Rollcall.PersonioSandbox.Model;

internal enum Gender { Male, Female, Diverse }

/// <summary>
/// One employee: the v1 "Employee" and the v2 "Person" are two views of this record.
/// Immutable; a change replaces the record in <see cref="Company.People"/>.
/// </summary>
internal sealed record Person
{
    public required int Id { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public string? PreferredName { get; init; }
    public required string Email { get; init; }
    public required Gender Gender { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change of a person field (v2 <c>updated_at</c>).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Values of the company's custom attributes, index-aligned with <see cref="Company.CustomAttributes"/>.</summary>
    public required string?[] CustomValues { get; init; }

    /// <summary>Most recent first; never empty.</summary>
    public required Employment[] Employments { get; init; }

    /// <summary>Change time assumed for attributes with no entry in <see cref="AttributeChanges"/> (seed data).</summary>
    public required DateTimeOffset BaselineChangedAt { get; init; }

    /// <summary>
    /// When each v1 attribute last changed, for <c>updated_since</c> combined with <c>attributes[]</c>.
    /// Null for untouched seed data.
    /// </summary>
    public FrozenDictionary<string, DateTimeOffset>? AttributeChanges { get; init; }

    public Employment Current => Employments[0];

    public DateTimeOffset LastModifiedAt => UpdatedAt > Current.UpdatedAt ? UpdatedAt : Current.UpdatedAt;

    public DateTimeOffset ChangedAt(string attributeKey) =>
        AttributeChanges is not null && AttributeChanges.TryGetValue(attributeKey, out var at) ? at : BaselineChangedAt;
}
