using Rollcall.Data;
using Rollcall.Data.Personio;

namespace Rollcall.Webhooks;

/// <summary>A company's webhook as its admins see it; never the token.</summary>
internal sealed record WebhookStatus(
    WebhookState State, Uri ReceiverUrl, DateTime? LastEventAt, DateTime? RegisteredAt, DateTime? PreviousTokenValidUntil, Reason? Problem)
{
    public static WebhookStatus Of(PersonioIntegration integration, Uri receiverUrl, DateTime now) => new(
        integration.WebhookTokenHash is null ? WebhookState.None
            : integration.WebhookId is not null && integration.WebhookProblem is null ? WebhookState.Registered
            : WebhookState.Manual,
        receiverUrl,
        integration.LastEventAt,
        integration.WebhookId is null ? null : integration.WebhookRegisteredAt,
        integration.WebhookPreviousTokenHash is not null && integration.WebhookPreviousTokenUntil > now ? integration.WebhookPreviousTokenUntil : null,
        integration.WebhookTokenHash is null ? null : integration.WebhookProblem);
}

internal enum WebhookState
{
    /// <summary>No token issued: Rollcall accepts no deliveries for the company.</summary>
    None,

    /// <summary>Rollcall registered its webhook with the current token in Personio through the API.</summary>
    Registered,

    /// <summary>A token is issued but Rollcall has not registered it (no connection, no webhook scopes, no https): set up by hand.</summary>
    Manual,
}
