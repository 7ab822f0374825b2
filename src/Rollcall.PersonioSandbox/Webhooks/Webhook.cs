namespace Rollcall.PersonioSandbox.Webhooks;

/// <summary>A v2 webhook registration. The token is sent verbatim as the <c>Authorization</c> header (auth_type TOKEN).</summary>
internal sealed record Webhook
{
    public required Guid Id { get; init; }
    public required string CompanyId { get; init; }
    public required Uri Url { get; init; }
    public string? Description { get; init; }
    public required string Status { get; init; }
    public required string AuthType { get; init; }
    public string? Token { get; init; }
    public IReadOnlyDictionary<string, string> CustomHeaders { get; init; } = new Dictionary<string, string>();
    public required IReadOnlyList<string> EnabledEvents { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public bool Wants(string eventName) => Status == "ENABLED" && EnabledEvents.Contains(eventName);

    // Keeps the token out of anything that prints the record.
    public override string ToString() => $"Webhook {Id} -> {Url} ({Status})";
}

/// <summary>One delivery attempt, kept for the control API so tests and admins can see what was sent.</summary>
internal sealed record DeliveryAttempt(Guid WebhookId, Guid EventId, string EventName, int Attempt, int? StatusCode, string? Error, DateTimeOffset At);
