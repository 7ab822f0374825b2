namespace Rollcall.Data.Companies;

/// <summary>A tenant of Rollcall: one customer of the expense app.</summary>
public sealed class Company
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>IANA time zone id, e.g. <c>Europe/Berlin</c>; schedules and dates are shown in it.</summary>
    public required string TimeZone { get; set; }

    public CompanyLanguage Language { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum CompanyLanguage
{
    En,
    De,
}
