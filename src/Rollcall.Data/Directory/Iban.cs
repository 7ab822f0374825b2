using System.Text;

namespace Rollcall.Data.Directory;

/// <summary>IBAN normalisation, ISO 13616 mod-97 validation and masking for display and audit.</summary>
public static class Iban
{
    private const string Bullets = "••••";

    /// <summary>Removes spaces and upper-cases; does not validate.</summary>
    public static string Normalize(string iban) =>
        new string(iban.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    public static bool IsValid(string? iban)
    {
        if (string.IsNullOrWhiteSpace(iban))
        {
            return false;
        }

        var value = Normalize(iban);
        if (value.Length is < 15 or > 34 || !char.IsAsciiLetter(value[0]) || !char.IsAsciiLetter(value[1])
            || !char.IsAsciiDigit(value[2]) || !char.IsAsciiDigit(value[3]) || !value.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        var remainder = 0;
        foreach (var c in value[4..] + value[..4])
        {
            var digits = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = digits < 10 ? (remainder * 10 + digits) % 97 : (remainder * 100 + digits) % 97;
        }

        return remainder == 1;
    }

    /// <summary>Masks all but the country, check digits and last four characters: <c>DE89 •••• •••• •••• 3000</c>.</summary>
    public static string Mask(string iban)
    {
        var value = Normalize(iban);
        if (value.Length <= 8)
        {
            return Bullets;
        }

        var groups = Math.Max(1, (value.Length - 8) / 4);
        var masked = new StringBuilder(value[..4]);
        for (var i = 0; i < groups; i++)
        {
            masked.Append(' ').Append(Bullets);
        }

        return masked.Append(' ').Append(value[^4..]).ToString();
    }

    /// <summary>Masks when present; for places that print an optional IBAN.</summary>
    public static string? MaskOrNull(string? iban) => iban is null ? null : Mask(iban);
}
