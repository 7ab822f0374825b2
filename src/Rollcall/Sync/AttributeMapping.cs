namespace Rollcall.Sync;

/// <summary>Which Personio attribute each mapped field follows (the API's and the page's contract); see <see cref="MappedFields"/>.</summary>
public sealed record AttributeMapping(string? IbanAttribute, string? PersonnelNumberAttribute, string? CreditorNumberAttribute)
{
    /// <summary>The Personio attribute keys this mapping reads.</summary>
    internal IReadOnlyList<string> Keys() =>
        MappedFields.All.Select(f => f.AttributeIn(this)).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k!.Trim()).Distinct().ToList();
}
