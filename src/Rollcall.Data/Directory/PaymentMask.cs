namespace Rollcall.Data.Directory;

/// <summary>
/// How payment data reads wherever it is shown outside its own field (diffs, the audit trail, notices): the IBAN as
/// <see cref="Directory.Iban.Mask"/>, personnel and creditor numbers with their last two characters only.
/// </summary>
public static class PaymentMask
{
    /// <summary>Stands for a stored value that can no longer be opened (the key that sealed it is gone).</summary>
    public const string Unreadable = "(unreadable)";

    private const string Bullets = "••••";

    public static string Number(string number) => number.Length < 6 ? Bullets : Bullets + number[^2..];

    /// <summary>The masked form of a payment field's value, by the field's camelCase name.</summary>
    public static string? Of(string field, string? value) => value is null ? null
        : field == "iban" ? Iban.Mask(value)
        : Number(value);
}

/// <summary>
/// Opens a stored (sealed) payment-data field. The host's payment-data seal implements it; the audit trail uses it to
/// diff by value, never by the sealed text, which differs each time the same value is sealed.
/// </summary>
public interface IPaymentDataReader
{
    /// <summary>False when the stored value cannot be opened (its key is gone); never throws for that.</summary>
    bool TryOpen(string? stored, out string? value);

    /// <summary>
    /// The keyed fingerprint of a payment-data field's opened value (null: no value), the same on every node of the
    /// installation; what <see cref="PaymentFingerprints"/> stores.
    /// </summary>
    string Fingerprint(string field, string? value);
}
