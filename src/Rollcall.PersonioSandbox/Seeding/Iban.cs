using System.Globalization;

namespace Rollcall.PersonioSandbox.Seeding;

/// <summary>German IBANs (22 characters) with valid ISO 13616 mod-97 check digits.</summary>
internal static class Iban
{
    public static string German(string bankCode, string accountNumber)
    {
        var bban = bankCode + accountNumber;
        var check = 98 - Mod97(bban + "DE00");
        return "DE" + check.ToString("00", CultureInfo.InvariantCulture) + bban;
    }

    /// <summary>True when <paramref name="iban"/> passes the mod-97 check (spaces ignored).</summary>
    public static bool IsValid(string iban)
    {
        var compact = iban.Replace(" ", string.Empty, StringComparison.Ordinal);
        return compact.Length >= 15 && Mod97(compact[4..] + compact[..4]) == 1;
    }

    private static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            // Letters count as two digits (A = 10 ... Z = 35), digits as one.
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else
            {
                remainder = ((remainder * 100) + (char.ToUpperInvariant(c) - 'A' + 10)) % 97;
            }
        }

        return remainder;
    }
}
