namespace Rollcall.Data.Directory;

/// <summary>
/// The stored form of a user's payment-data fingerprints: one keyed fingerprint per field (IBAN, personnel number,
/// creditor number, in that order), joined by dots. A part is empty when that field's fingerprint is not known (its
/// value could not be opened); a field whose fingerprint is not known is compared by opening its value.
/// </summary>
public static class PaymentFingerprints
{
    /// <summary>Three parts of at most 22 characters (128 bits, base64url) and two dots.</summary>
    public const int Length = 3 * 22 + 2;

    /// <summary>The fields in the order of their parts, by their camelCase names.</summary>
    public static IReadOnlyList<string> Fields => FieldNames;

    /// <summary>The fingerprints of <paramref name="user"/>'s payment data as stored now; a value that cannot be opened has none.</summary>
    public static string Of(DirectoryUser user, IPaymentDataReader reader)
    {
        string Part(string field, string? stored) => reader.TryOpen(stored, out var value) ? reader.Fingerprint(field, value) : "";
        return $"{Part("iban", user.SealedIban)}.{Part("personnelNumber", user.SealedPersonnelNumber)}.{Part("creditorNumber", user.SealedCreditorNumber)}";
    }

    /// <summary>The part of <paramref name="field"/> in <paramref name="stored"/>; null when not known.</summary>
    public static string? PartOf(string? stored, string field)
    {
        if (stored is null)
        {
            return null;
        }

        var index = IndexOf(field);
        var parts = stored.Split('.');
        return parts.Length == FieldNames.Length && parts[index].Length > 0 ? parts[index] : null;
    }

    public static int IndexOf(string field) => Array.IndexOf(FieldNames, field) is var i and >= 0 ? i
        : throw new ArgumentOutOfRangeException(nameof(field), field, "Not a payment-data field.");

    private static readonly string[] FieldNames = ["iban", "personnelNumber", "creditorNumber"];
}
