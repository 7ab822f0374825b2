using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Rollcall.PaymentData;

/// <summary>
/// Seals payment data (IBAN, personnel and creditor number) for storage with ASP.NET Core Data Protection, and opens it.
/// A sealed value starts with <see cref="Marker"/>, so a value stored in clear before sealing existed is told apart.
/// A singleton: the key ring's protector is thread-safe.
/// </summary>
public sealed class PaymentDataSeal(IDataProtectionProvider provider)
{
    public const string Marker = "sealed:v1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Rollcall.PaymentData.v1");

    public static bool IsSealed(string? stored) => stored is not null && stored.StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>The sealed form of <paramref name="value"/>; null stays null.</summary>
    public string? Seal(string? value) => value is null ? null : Marker + _protector.Protect(value);

    /// <summary>
    /// The value of a stored field: opened when sealed, as it is when stored in clear (not yet sealed). Throws
    /// <see cref="CryptographicException"/> when the key that sealed it is gone; the message names no value.
    /// </summary>
    public string? Open(string? stored) => IsSealed(stored) ? _protector.Unprotect(stored![Marker.Length..]) : stored;
}
