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

    /// <summary>
    /// Email domains invitations may go to, lower case, comma-separated (<c>acme.de,acme.com</c>); empty: any.
    /// Invitations to other domains are held for an admin.
    /// </summary>
    public string? InvitationDomains { get; set; }

    /// <summary>Every invitation goes to the company's admins instead of the person: for trying a connection out.</summary>
    public bool InvitationTestMode { get; set; }

    /// <summary>Invitations one sync run may send; the rest are held until an admin releases them.</summary>
    public int InvitationCapPerRun { get; set; } = DefaultInvitationCapPerRun;

    public const int DefaultInvitationCapPerRun = 200;

    /// <summary>
    /// Days after a user's deactivation when their IBAN, personnel and creditor number are erased; null: never
    /// (retention off). A reactivation within the period keeps them.
    /// </summary>
    public int? PaymentDataRetentionDays { get; set; } = DefaultPaymentDataRetentionDays;

    public const int DefaultPaymentDataRetentionDays = 90;
}

public enum CompanyLanguage
{
    En,
    De,
}
