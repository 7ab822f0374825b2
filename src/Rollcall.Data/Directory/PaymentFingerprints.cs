using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Rollcall.Data.Directory;

/// <summary>
/// The stored form of a user's payment-data fingerprints, one part per field (IBAN, personnel number, creditor number,
/// in that order), joined by dots. A part is the keyed fingerprint of the field's value
/// (<see cref="IPaymentDataReader.Fingerprint"/>, 22 characters) followed by a binding to the sealed text it was made
/// for (8 characters): a sealed column changed by anything but a save through Rollcall (a restore, a hand-made copy)
/// no longer matches its binding, so its fingerprint is not trusted. A part is empty when nothing is stored or the
/// value could not be opened; a field whose part is empty or not bound to what is stored is compared by opening it.
/// </summary>
public static class PaymentFingerprints
{
    private const int PartLength = 22 + 8;

    /// <summary>Three parts and two dots.</summary>
    public const int Length = 3 * PartLength + 2;

    private static readonly string[] FieldNames = ["iban", "personnelNumber", "creditorNumber"];

    /// <summary>The fingerprints of <paramref name="user"/>'s payment data as stored now.</summary>
    public static string Of(DirectoryUser user, IPaymentDataReader reader)
    {
        string Part(string field, string? stored) =>
            stored is not null && reader.TryOpen(stored, out var value) ? reader.Fingerprint(field, value) + Binding(stored) : "";
        return $"{Part("iban", user.SealedIban)}.{Part("personnelNumber", user.SealedPersonnelNumber)}.{Part("creditorNumber", user.SealedCreditorNumber)}";
    }

    /// <summary>
    /// The fingerprint <paramref name="fingerprints"/> holds for <paramref name="field"/>, provided it was made for the
    /// sealed text <paramref name="stored"/>; null when not known.
    /// </summary>
    public static string? FingerprintFor(string? fingerprints, string field, string stored)
    {
        if (fingerprints is null)
        {
            return null;
        }

        var index = Array.IndexOf(FieldNames, field);
        var parts = fingerprints.Split('.');
        if (index < 0 || parts.Length != FieldNames.Length || parts[index].Length != PartLength)
        {
            return null;
        }

        var part = parts[index];
        return part.AsSpan(22).SequenceEqual(Binding(stored)) ? part[..22] : null;
    }

    /// <summary>48 bits of the sealed text's SHA-256: enough to notice it was replaced, nothing about the value.</summary>
    private static string Binding(string stored)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(stored), hash);
        return Base64Url.EncodeToString(hash[..6]);
    }
}
