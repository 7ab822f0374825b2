using System.Globalization;
using System.Text;

namespace Rollcall.PersonioSandbox.Seeding;

/// <summary>Turns names like "Jürgen Groß-Łukaszewski" into ASCII local parts like "juergen.gross-lukaszewski".</summary>
internal static class EmailAddresses
{
    public static string LocalPart(string firstName, string lastName) => Ascii(firstName) + "." + Ascii(lastName);

    private static string Ascii(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name.ToLowerInvariant())
        {
            switch (c)
            {
                case 'ä' or 'æ': builder.Append("ae"); break;
                case 'ö' or 'ø': builder.Append("oe"); break;
                case 'ü': builder.Append("ue"); break;
                case 'ß': builder.Append("ss"); break;
                case 'å': builder.Append("aa"); break;
                case 'ł': builder.Append('l'); break;
                case 'ı': builder.Append('i'); break;
                case ' ' or '\'': break;
                default: AppendStripped(builder, c); break;
            }
        }

        return builder.ToString();
    }

    private static void AppendStripped(StringBuilder builder, char c)
    {
        if (char.IsAsciiLetterOrDigit(c) || c == '-')
        {
            builder.Append(c);
            return;
        }

        foreach (var part in c.ToString().Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(part) && CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(part);
            }
        }
    }
}
