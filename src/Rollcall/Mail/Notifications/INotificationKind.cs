using System.Globalization;

namespace Rollcall.Mail.Notifications;

/// <summary>
/// What makes a record a kind of admin notification: its topic code (stored with the message), how the Mail page
/// names it, and how it is read back from its stored arguments. <see cref="AdminNotifications"/> finds every kind by
/// this interface, so a new notification is its record (with its two wordings) and nothing else.
/// </summary>
internal interface INotificationKind<TSelf> where TSelf : AdminNotification, INotificationKind<TSelf>
{
    static abstract string TopicCode { get; }

    static abstract NotificationLabel Label { get; }

    static abstract TSelf From(NotificationArguments arguments);
}

/// <summary>How the Mail page names a kind of notification, in English and German.</summary>
internal sealed record NotificationLabel(string English, string German)
{
    public string In(CultureInfo culture) => culture.TwoLetterISOLanguageName == "de" ? German : English;
}
