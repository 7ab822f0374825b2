using System.Collections.Concurrent;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Rollcall.Data.Directory;

namespace Rollcall.PaymentData;

/// <summary>
/// Seals payment data (IBAN, personnel and creditor number) for storage with ASP.NET Core Data Protection, and opens it.
/// A sealed value starts with <see cref="Marker"/>, so a value stored in clear before sealing existed is told apart.
/// A singleton: the key ring's protector is thread-safe.
/// </summary>
public sealed class PaymentDataSeal(IDataProtectionProvider provider, PaymentFingerprintKey fingerprintKey) : IPaymentDataReader
{
    public const string Marker = "sealed:v1:";

    /// <summary>How many values this process sealed last are remembered (then forgotten all at once).</summary>
    private const int RecentCapacity = 8192;

    private readonly IDataProtector _protector = provider.CreateProtector("Rollcall.PaymentData.v1");

    // What this process sealed last, by sealed form: a run that writes a value reads it back in the same save (the audit
    // trail's masked diff, the change notice), and opening it again would cost a second key derivation and decryption.
    private readonly ConcurrentDictionary<string, string> _recent = new(StringComparer.Ordinal);

    public static bool IsSealed(string? stored) => stored is not null && stored.StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>The sealed form of <paramref name="value"/>; null stays null.</summary>
    public string? Seal(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var sealedForm = Marker + _protector.Protect(value);
        if (_recent.Count >= RecentCapacity)
        {
            _recent.Clear();
        }

        _recent[sealedForm] = value;
        return sealedForm;
    }

    /// <summary>
    /// The value of a stored field: opened when sealed, as it is when stored in clear (not yet sealed). Throws
    /// <see cref="CryptographicException"/> when the key that sealed it is gone; the message names no value.
    /// </summary>
    public string? Open(string? stored) => !IsSealed(stored) ? stored
        : _recent.TryGetValue(stored!, out var value) ? value
        : _protector.Unprotect(stored![Marker.Length..]);

    /// <summary>The value of a stored field, or <see cref="PaymentValue.Unreadable"/> when its key is gone; never throws for that.</summary>
    public PaymentValue Read(string? stored) => TryOpen(stored, out var value) ? new PaymentValue(value) : PaymentValue.Unreadable;

    /// <summary>
    /// The keyed fingerprint of a field's value (HMAC-SHA256 under the installation's <see cref="PaymentFingerprintKey"/>,
    /// 128 bits, base64url): equal values give equal fingerprints on every node, and without the key a fingerprint tells
    /// nothing about the value. A run compares fingerprints instead of opening sealed values.
    /// </summary>
    public string Fingerprint(string field, string? value)
    {
        Span<byte> hash = stackalloc byte[32];
        var text = value is null ? field + "\u0000" : field + "\u0001" + value;
        HMACSHA256.HashData(fingerprintKey.Bytes, System.Text.Encoding.UTF8.GetBytes(text), hash);
        return Base64Url.EncodeToString(hash[..16]);
    }

    /// <summary>
    /// Whether <paramref name="stored"/> is known to hold <paramref name="value"/> without opening it: nothing stored
    /// and no value, or a fingerprint made for exactly this sealed text whose key is still in the key ring (a value whose
    /// key is gone must be opened, found unreadable, and rewritten). False means "not known": the caller opens and compares.
    /// </summary>
    public bool KnownToHold(string field, string? stored, string? fingerprints, string? value) =>
        stored is null
            ? value is null
            : PaymentFingerprints.FingerprintFor(fingerprints, field, stored) is { } fingerprint && fingerprintKey.KeyRingHas(stored)
              && fingerprint == Fingerprint(field, value);

    public bool TryOpen(string? stored, out string? value)
    {
        try
        {
            value = Open(stored);
            return true;
        }
        catch (CryptographicException)
        {
            value = null;
            return false;
        }
    }
}

/// <summary>An opened payment-data field: its value (null: none), or unreadable (the key that sealed it is gone).</summary>
public readonly record struct PaymentValue(string? Value, bool IsUnreadable = false)
{
    public static readonly PaymentValue None = new(null);
    public static readonly PaymentValue Unreadable = new(null, true);

    public bool IsEmpty => Value is null && !IsUnreadable;

    /// <summary>Whether storing <paramref name="value"/> changes this field: a different value, or any over an unreadable one.</summary>
    public bool DiffersFrom(string? value) => IsUnreadable || !string.Equals(Value, value, StringComparison.Ordinal);

    /// <summary>Masked for diffs, the audit trail and notices (<paramref name="field"/>: camelCase name).</summary>
    public string? Masked(string field) => IsUnreadable ? PaymentMask.Unreadable : PaymentMask.Of(field, Value);
}
