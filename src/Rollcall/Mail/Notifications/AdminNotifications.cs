namespace Rollcall.Mail.Notifications;

/// <summary>
/// Every kind of admin notification by its topic. Adding one: its topic code in <see cref="MailTopics"/>, its record in
/// this folder (key, arguments, link, German and English wording), its line here, and its label on the Mail page
/// (<c>MailLabels.OfTopic</c>); the mail tests fail until each is in place (docs/mail.md).
/// </summary>
internal static class AdminNotifications
{
    /// <summary>
    /// The notification an outbox row was queued for, read back from its arguments; null for a row queued before
    /// notifications were typed (its detail is an English sentence: <see cref="LegacyNotification"/>).
    /// </summary>
    public static AdminNotification? Read(string? topic, string? detail) => NotificationArguments.TryRead(detail) is not { } arguments
        ? null
        : topic switch
        {
            MailTopics.ApprovalNeeded => ApprovalNeeded.From(arguments),
            MailTopics.CredentialsRejected => CredentialsRejected.From(arguments),
            MailTopics.RunsFailing => RunsFailing.From(arguments),
            MailTopics.AttributesUnreadable => AttributesUnreadable.From(arguments),
            MailTopics.InvitationsHeld => InvitationsHeld.From(arguments),
            _ => null,
        };
}
