using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Personio;
using Rollcall.Directory;
using Rollcall.PaymentData;

namespace Rollcall.Sync;

/// <summary>
/// A user field that follows a Personio attribute the admin maps (IBAN, personnel and creditor number): where the
/// mapping and the value live, how Personio's text becomes the value, and how a change is shown. Mapping, planner,
/// applier, API and pages loop over <see cref="MappedFields.All"/>, so a further mapped field is one entry there
/// (plus its two columns and a property on the API's mapping contract).
/// </summary>
/// <param name="Name">The field's name in diffs and the API (camelCase).</param>
/// <param name="Label">Shown on the pages (a resource key).</param>
/// <param name="Masked">Sensitive: diffs, logs and pages show it masked.</param>
/// <param name="StoredOf">The field as stored (sealed); read through <see cref="MappedFields.ValueOf"/>.</param>
/// <param name="SetStored">Stores the sealed form; written through <see cref="MappedFields.Write"/>.</param>
internal sealed record MappedField(
    string Name,
    string Label,
    bool Masked,
    Func<PersonioIntegration, string?> AttributeOf,
    Action<PersonioIntegration, string?> SetAttribute,
    Func<AttributeMapping, string?> AttributeIn,
    Func<DirectoryUser, string?> StoredOf,
    Action<DirectoryUser, string?> SetStored,
    Func<string, MappedValue> Read)
{
    /// <summary>The name of the mapping's form field on the integration page.</summary>
    public string FormName => $"Mapping.{char.ToUpperInvariant(Name[0])}{Name[1..]}Attribute";

    public override string ToString() => Name;
}

/// <summary>
/// Personio's text as a field value, or why it is not taken (a per-record problem): <see cref="Problem"/> for a user
/// without a value yet, <see cref="ProblemKept"/> for one whose previous value stays.
/// </summary>
internal sealed record MappedValue(string? Value, string? ProblemCode = null, Reason? Problem = null, Reason? ProblemKept = null)
{
    public static MappedValue Refused(Reason problem, Reason? problemKept = null) => new(null, problem.Code, problem, problemKept ?? problem);
}

internal static class MappedFields
{
    public static readonly MappedField Iban = new("iban", "IBAN", Masked: true,
        i => i.IbanAttribute, (i, key) => i.IbanAttribute = key, m => m.IbanAttribute,
        u => u.SealedIban, (u, value) => u.SealedIban = value,
        text => Rollcall.Data.Directory.Iban.IsValid(text)
            ? new MappedValue(Rollcall.Data.Directory.Iban.Normalize(text))
            : MappedValue.Refused(new Reason("invalid_iban.new"), new Reason("invalid_iban.kept")));

    public static readonly MappedField PersonnelNumber = new("personnelNumber", "Personnel number", Masked: true,
        i => i.PersonnelNumberAttribute, (i, key) => i.PersonnelNumberAttribute = key, m => m.PersonnelNumberAttribute,
        u => u.SealedPersonnelNumber, (u, value) => u.SealedPersonnelNumber = value, text => Number(text, "personnelNumber"));

    public static readonly MappedField CreditorNumber = new("creditorNumber", "Creditor number", Masked: true,
        i => i.CreditorNumberAttribute, (i, key) => i.CreditorNumberAttribute = key, m => m.CreditorNumberAttribute,
        u => u.SealedCreditorNumber, (u, value) => u.SealedCreditorNumber = value, text => Number(text, "creditorNumber"));

    public static readonly IReadOnlyList<MappedField> All = [Iban, PersonnelNumber, CreditorNumber];

    /// <summary>The fields a company has mapped, with their Personio attribute keys.</summary>
    public static Dictionary<MappedField, string> MappingOf(PersonioIntegration integration) =>
        All.Where(f => f.AttributeOf(integration) is not null).ToDictionary(f => f, f => f.AttributeOf(integration)!);

    public static string Show(this MappedField field, string? value) => field.Masked ? PaymentMask.Of(field.Name, value) ?? "" : value ?? "";

    /// <summary>The user's value of the field, opened; unreadable when the key that sealed it is gone.</summary>
    public static PaymentValue ValueOf(this MappedField field, DirectoryUser user, PaymentDataSeal seal) => seal.Read(field.StoredOf(user));

    /// <summary>Stores <paramref name="value"/> sealed, unless the field holds it already; true when it changed.</summary>
    public static bool Write(this MappedField field, DirectoryUser user, string? value, PaymentDataSeal seal)
    {
        if (!field.ValueOf(user, seal).DiffersFrom(value))
        {
            return false;
        }

        field.SetStored(user, seal.Seal(value));
        return true;
    }

    private static MappedValue Number(string text, string field) => text.Length > UserValidation.MaxNumberLength
        ? MappedValue.Refused(new Reason("value_too_long", new Reason("field." + field), UserValidation.MaxNumberLength))
        : new MappedValue(text);
}
