using System.Globalization;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary>v2 sends ids as strings; v1 as integers.</summary>
internal static class CompanyIds
{
    public static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
