using Rollcall.Data.Companies;

namespace Rollcall.Companies;

internal static class CompanyRules
{
    public static bool IsKnownTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public static bool TryParseLanguage(string value, out CompanyLanguage language) =>
        Enum.TryParse(value, ignoreCase: true, out language) && Enum.IsDefined(language);
}
