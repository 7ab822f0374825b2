using Rollcall.Endpoints;

namespace Rollcall.Webhooks;

/// <summary>
/// <c>POST /hooks/personio/{companyId}</c>: where Personio delivers a company's webhook events. Authenticated by the
/// company's token alone (no cookie, no API key, no antiforgery). It only records the event and answers at once:
/// Personio wants a 2xx within 3 seconds, and the processing reads Personio later. Neither the token nor the body is
/// ever logged.
/// </summary>
internal static class WebhookReceiverApi
{
    /// <summary>Personio's envelopes are a few hundred bytes; anything near this is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// The one answer for a wrong or missing token, a company that does not exist or has no token, and a route id that is
    /// no id: the same status and the same bytes, so company ids cannot be probed.
    /// </summary>
    private const string UnauthorizedBody =
        """{"type":"https://rollcall.dev/problems/unauthorized","title":"unauthorized","status":401,"code":"unauthorized"}""";

    public static IEndpointConventionBuilder MapWebhookReceiver(this IEndpointRouteBuilder app) =>
        app.MapPost("/hooks/personio/{companyId}", ReceiveAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("ReceivePersonioWebhook")
            .WithTags("Webhooks")
            .WithSummary("Personio's webhook deliveries for one company; authenticated by the company's webhook token in Authorization.");

    private static async Task<IResult> ReceiveAsync(string companyId, HttpContext http, WebhookInbox inbox, WebhookMetrics metrics, CancellationToken ct)
    {
        var company = await inbox.AuthenticateAsync(companyId, http.Request.Headers.Authorization.ToString(), ct);
        if (company is not { } id)
        {
            metrics.Delivery(WebhookOutcome.Unauthorized);
            return Results.Text(UnauthorizedBody, "application/problem+json", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (await ReadBodyAsync(http.Request, ct) is not { } body)
        {
            metrics.Delivery(WebhookOutcome.TooLarge);
            return TypedResults.Problem(ProblemCodes.Create(StatusCodes.Status413PayloadTooLarge, "invalid_webhook.too_large", MaxBodyBytes / 1024));
        }

        var (envelope, problem) = WebhookEnvelope.Parse(body);
        if (envelope is null)
        {
            metrics.Delivery(WebhookOutcome.Malformed);
            return TypedResults.Problem(ProblemCodes.Create(StatusCodes.Status400BadRequest, problem!));
        }

        if (!envelope.Used)
        {
            metrics.Delivery(WebhookOutcome.Ignored);
            return TypedResults.NoContent();
        }

        var recorded = await inbox.RecordAsync(id, envelope, body, ct);
        metrics.Delivery(recorded ? WebhookOutcome.Accepted : WebhookOutcome.Duplicate);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>The body, or null when it is longer than <see cref="MaxBodyBytes"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
