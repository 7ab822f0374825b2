using System.Reflection;

namespace Rollcall.Mail.Notifications;

/// <summary>
/// Every kind of admin notification, found by its <see cref="INotificationKind{TSelf}"/>: adding one is its record in
/// this folder (topic code, label, key, arguments, link, German and English wording); the mail tests render every
/// kind in both languages (docs/mail.md).
/// </summary>
internal static class AdminNotifications
{
    private static readonly Dictionary<string, Kind> ByTopic = typeof(AdminNotification).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(AdminNotification)))
        .Select(Kind.Of)
        .ToDictionary(k => k.Topic, StringComparer.Ordinal);

    private static readonly Dictionary<Type, string> TopicByType = ByTopic.Values.ToDictionary(k => k.Type, k => k.Topic);

    public static IReadOnlyCollection<string> Topics => ByTopic.Keys;

    public static string TopicOf(Type type) => TopicByType[type];

    /// <summary>How the Mail page names messages of <paramref name="topic"/>; null for a topic that is no notification.</summary>
    public static NotificationLabel? LabelOf(string? topic) => topic is not null && ByTopic.TryGetValue(topic, out var kind) ? kind.Label : null;

    /// <summary>
    /// The notification an outbox row was queued for, read back from its arguments; null for a row queued before
    /// notifications were typed (its detail is an English sentence: <see cref="LegacyNotification"/>).
    /// </summary>
    public static AdminNotification? Read(string? topic, string? detail) =>
        NotificationArguments.TryRead(detail) is { } arguments && topic is not null && ByTopic.TryGetValue(topic, out var kind) ? kind.Read(arguments) : null;

    private sealed record Kind(Type Type, string Topic, NotificationLabel Label, Func<NotificationArguments, AdminNotification> Read)
    {
        /// <summary>Fails on start for a notification record that is not a kind (no topic, label or reader).</summary>
        public static Kind Of(Type type) =>
            (Kind)typeof(Kind).GetMethod(nameof(For), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, null)!;

        private static Kind For<T>() where T : AdminNotification, INotificationKind<T> => new(typeof(T), T.TopicCode, T.Label, a => T.From(a));
    }
}
