using Rollcall.Mail.Notifications;
using Rollcall.Personio;

namespace Rollcall.Tests.Mail;

/// <summary>One of each admin notification, with fixed ids, for the snapshots and the checks on every kind.</summary>
internal static class NotificationSamples
{
    public static readonly Guid CompanyId = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    public static readonly Guid RunId = Guid.Parse("a3bb189e-8bf9-3888-9912-ace4e6543002");
    public static readonly Guid PreviousRunId = Guid.Parse("16fd2706-8baf-433b-82eb-8c7fada847da");
    public static readonly DateTime ConnectedAt = new(2026, 11, 2, 8, 15, 0, DateTimeKind.Utc);

    public static readonly Guid UserId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    /// <summary>The admins' copy; the person's copies are the same with <see cref="AdminNotification.PersonalRecipient"/>.</summary>
    public static PaymentDataChanged PaymentDataChanged { get; } = new(RunId, UserId, "Greta Berg", "sync", "a3bb189e",
        new PaymentFieldChange("DE89 •••• •••• •••• 3000", "GB82 •••• •••• •••• 5432"), new PaymentFieldChange(null, "••••34"), RunId: RunId);

    public static IReadOnlyList<AdminNotification> All { get; } =
    [
        new ApprovalNeeded(RunId, 1250),
        new CredentialsRejected(CompanyId, ConnectedAt),
        new RunsFailing(CompanyId, PreviousRunId, RunId, "personio", nameof(PersonioFailure.Unavailable)),
        new AttributesUnreadable(CompanyId, ["iban", "creditor_number"], RunId),
        new InvitationsHeld(RunId, 1000),
        new SecretUnreadable(CompanyId, ConnectedAt),
        PaymentDataChanged,
    ];


    public static AdminNotification Of(string topic) => All.Single(n => n.Topic == topic);
}
