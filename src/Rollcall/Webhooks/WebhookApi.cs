using Microsoft.AspNetCore.Http.HttpResults;
using Rollcall.Access;
using Rollcall.Reasons;

namespace Rollcall.Webhooks;

/// <summary>
/// A company's Personio webhook as JSON: its state, and its token (issued or rotated, shown once; revoked). The token
/// is never shown again and never stored in clear.
/// </summary>
internal static class WebhookApi
{
    public sealed record WebhookResponse(
        WebhookState State, string ReceiverUrl, DateTime? LastEventAt, DateTime? RegisteredAt, DateTime? PreviousTokenValidUntil, string? ProblemCode, string? Problem)
    {
        public static WebhookResponse From(WebhookStatus s) =>
            new(s.State, s.ReceiverUrl.AbsoluteUri, s.LastEventAt, s.RegisteredAt, s.PreviousTokenValidUntil, s.Problem?.Code, s.Problem?.Render());
    }

    /// <summary><see cref="Token"/> is what Personio sends in <c>Authorization</c>, exactly (with its <c>Bearer </c> prefix).</summary>
    public sealed record IssuedTokenResponse(string Token, WebhookResponse Webhook);

    public static RouteGroupBuilder MapWebhookTokens(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}/personio/webhook")
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .WithTags("Personio");
        group.MapGet("/", Get).WithName("GetPersonioWebhook");
        group.MapPost("/token", Issue).WithName("IssuePersonioWebhookToken")
            .WithSummary("Issues or rotates the webhook token (shown once) and registers it in Personio when the credential may; the previous token stays valid for Webhooks:TokenOverlap.");
        group.MapDelete("/token", Revoke).WithName("RevokePersonioWebhookToken")
            .WithSummary("No token is accepted any more; Rollcall's webhook in Personio is deleted.");
        return group;
    }

    private static async Task<Ok<WebhookResponse>> Get(Guid companyId, WebhookRegistration webhooks, CancellationToken ct) =>
        TypedResults.Ok(WebhookResponse.From(await webhooks.StatusAsync(companyId, ct)));

    private static async Task<Ok<IssuedTokenResponse>> Issue(Guid companyId, WebhookRegistration webhooks, CancellationToken ct)
    {
        var (token, status) = await webhooks.IssueAsync(companyId, ct);
        return TypedResults.Ok(new IssuedTokenResponse(token, WebhookResponse.From(status)));
    }

    private static async Task<NoContent> Revoke(Guid companyId, WebhookRegistration webhooks, CancellationToken ct)
    {
        await webhooks.RevokeAsync(companyId, ct);
        return TypedResults.NoContent();
    }
}
