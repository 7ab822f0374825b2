using System.Text.Json;
using Rollcall.Data.Directory;
using Rollcall.PaymentData;

namespace Rollcall.Sync;

/// <summary>A payment field's value before and after a step, in clear (only ever stored sealed).</summary>
internal sealed record PaymentChange(string? Before, string? After);

/// <summary>
/// The payment data (IBAN, personnel and creditor number) a step changes, by field name, before and after. A step's
/// diff shows the IBAN only masked; these values let a held change be applied on approval and a run be undone. Stored
/// only sealed (<see cref="Seal"/>, <c>SyncRunStep.SealedValues</c>).
/// </summary>
internal sealed record PaymentValues(IReadOnlyDictionary<string, PaymentChange> Fields)
{
    /// <summary>The fields the payment guard watches: where money goes.</summary>
    public static readonly IReadOnlySet<string> Guarded = new HashSet<string>(StringComparer.Ordinal) { MappedFields.Iban.Name, MappedFields.CreditorNumber.Name };

    /// <summary>Whether this change moves where money goes: an IBAN or creditor number changed or cleared (a first value is no move).</summary>
    public bool MovesMoney => Fields.Any(f => Guarded.Contains(f.Key) && f.Value.Before is not null);

    public PaymentValues Only(Func<string, bool> which) => new(Fields.Where(f => which(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));

    /// <summary>The payment fields that differ between <paramref name="user"/> (null: a new one) and what a step writes; null when none.</summary>
    public static PaymentValues? Of(DirectoryUser? user, IReadOnlyDictionary<MappedField, string?> desired, PaymentDataSeal seal)
    {
        var fields = desired.Where(d => MappedFields.All.Contains(d.Key))
            .Select(d => (d.Key.Name, Before: user is null ? null : d.Key.ValueOf(user, seal).Value, After: d.Value))
            .Where(f => !string.Equals(f.Before, f.After, StringComparison.Ordinal))
            .ToDictionary(f => f.Name, f => new PaymentChange(f.Before, f.After), StringComparer.Ordinal);
        return fields.Count == 0 ? null : new PaymentValues(fields);
    }

    public string Seal(PaymentDataSeal seal) => seal.Seal(JsonSerializer.Serialize(Fields))!;

    /// <summary>The values a step recorded sealed; null when it recorded none.</summary>
    public static PaymentValues? Open(PaymentDataSeal seal, string? sealedValues) =>
        sealedValues is null || seal.Open(sealedValues) is not { } json
            ? null
            : new PaymentValues(JsonSerializer.Deserialize<Dictionary<string, PaymentChange>>(json) ?? []);

    /// <summary>The user's value of a payment field by its name.</summary>
    public static string? ValueOf(DirectoryUser user, string field, PaymentDataSeal seal) => MappedFields.All.Single(f => f.Name == field).ValueOf(user, seal).Value;

    /// <summary>Sets a payment field by its name (the one place payment data is written back from a step).</summary>
    public static void Write(DirectoryUser user, string field, string? value, PaymentDataSeal seal) => MappedFields.All.Single(f => f.Name == field).Write(user, value, seal);
}
