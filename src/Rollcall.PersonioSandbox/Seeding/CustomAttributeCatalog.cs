using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Seeding;

/// <summary>The custom attributes every seeded company has; keys are stable so configurations can name them.</summary>
internal static class CustomAttributeCatalog
{
    public const string IbanKey = "dynamic_30101";
    public const string PersonnelNumberKey = "dynamic_30102";
    public const string CreditorNumberKey = "dynamic_30103";
    public const string CompanyCardKey = "dynamic_30104";
    public const string LanguagesKey = "dynamic_30105";
    public const string BirthDateKey = "dynamic_30106";
    public const string ApprovalLimitKey = "dynamic_30107";

    public static IReadOnlyList<CustomAttribute> Create() =>
    [
        new(IbanKey, "IBAN", "standard", "iban", []),
        new(PersonnelNumberKey, "Personnel number", "standard", null, []),
        new(CreditorNumberKey, "Creditor number", "standard", null, []),
        new(CompanyCardKey, "Company card holder", "list", null, ["Yes", "No"]),
        new(LanguagesKey, "Languages", "tags", null, NameLists.Languages),
        new(BirthDateKey, "Date of birth", "date", "date_of_birth", []),
        new(ApprovalLimitKey, "Expense approval limit", "integer", null, []),
    ];
}
