namespace Rollcall.Data.Webhooks;

/// <summary>
/// One Personio webhook delivery as received, in the inbox: recorded by whichever node accepted it, processed once by a
/// webhook run. Personio's events are dataless (the affected ids, no personal data), so the inbox holds no personal data.
/// </summary>
public sealed class WebhookEvent
{
    public long Id { get; set; }
    public Guid CompanyId { get; set; }

    /// <summary>
    /// SHA-256 (hex) of the delivered body. Personio's envelope carries no event id, and a retry or a redelivery resends
    /// the same body, so this is the deduplication key (unique per company).
    /// </summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>e.g. <c>person.updated</c>, <c>employment.created</c>.</summary>
    public string EventName { get; set; } = "";

    /// <summary>The affected person (Personio's employee id), when the payload names one.</summary>
    public long? PersonId { get; set; }

    /// <summary>The affected employment, for <c>employment.*</c> events (Personio's v2 employment ids are UUIDs).</summary>
    public string? EmploymentId { get; set; }

    /// <summary>When Personio says the change happened (<c>occurred_at</c>), UTC.</summary>
    public DateTime OccurredAt { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>Set when a run has taken the event into account; null while it waits.</summary>
    public DateTime? ProcessedAt { get; set; }

    /// <summary>The run that processed it.</summary>
    public Guid? RunId { get; set; }
}
