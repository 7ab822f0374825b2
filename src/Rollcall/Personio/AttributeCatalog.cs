using System.Text.Json;
using Rollcall.Data;

namespace Rollcall.Personio;

/// <summary>An attribute the credential may read, from <c>/v1/company/employees/attributes</c>.</summary>
public sealed record PersonioAttributeDefinition(string Key, string Label, string Type, string? UniversalId, IReadOnlyList<string> Options);

/// <summary>The attributes a credential may read: the choices of the admin's mapping dropdowns.</summary>
public sealed record AttributeCatalog(IReadOnlyList<PersonioAttributeDefinition> Attributes)
{
    /// <summary>What Rollcall cannot work without.</summary>
    public static readonly IReadOnlyList<string> RequiredKeys = ["first_name", "last_name", "email", "status", "employment_type"];

    public bool CanRead(string key) => Attributes.Any(a => a.Key == key);

    public IReadOnlyList<string> Unreadable(IEnumerable<string> keys) => keys.Where(k => !CanRead(k)).Distinct().ToList();

    internal static AttributeCatalog Read(JsonElement root)
    {
        if (root.Property("data") is not { ValueKind: JsonValueKind.Array } data)
        {
            throw new PersonioException(PersonioFailure.MalformedResponse, new Reason("personio.no_attribute_data"));
        }

        var attributes = data.EnumerateArray()
            .Select(a => (JsonElement?)a)
            .Where(a => a.Property("key").AsText() is not null)
            .Select(a => new PersonioAttributeDefinition(
                a.Property("key").AsText()!,
                a.Property("label").AsText() ?? a.Property("key").AsText()!,
                a.Property("type").AsText() ?? "standard",
                a.Property("universal_id").AsText(),
                a.Property("options") is { ValueKind: JsonValueKind.Array } options
                    ? options.EnumerateArray().Select(o => ((JsonElement?)o).AsText()).OfType<string>().ToList()
                    : []))
            .ToList();
        return new AttributeCatalog(attributes);
    }
}

/// <summary>What a credential can do, checked before it is saved and at the start of every run.</summary>
public sealed record AccessCheck(AttributeCatalog Catalog, IReadOnlyList<string> MissingRequired, IReadOnlyList<string> MissingMapped)
{
    public bool IsComplete => MissingRequired.Count == 0 && MissingMapped.Count == 0;

    /// <summary>Throws <see cref="PersonioFailure.AttributesNotReadable"/> when Rollcall cannot work with this credential.</summary>
    public void EnsureRequiredReadable()
    {
        if (MissingRequired.Count > 0)
        {
            throw new PersonioException(PersonioFailure.AttributesNotReadable, new Reason("personio.attributes_not_readable", string.Join(", ", MissingRequired)));
        }
    }
}
