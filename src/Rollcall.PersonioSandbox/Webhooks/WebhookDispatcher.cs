using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Webhooks;

/// <summary>
/// Queues events for every subscribed webhook of a company and delivers them in order with retries.
/// Payloads are "dataless": the affected ids only, never personal data.
/// </summary>
internal sealed class WebhookDispatcher(
    WebhookStore store, IHttpClientFactory clients, TimeProvider time, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public const string ClientName = "webhooks";
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>();

    private sealed record Delivery(Guid WebhookId, Guid EventId, string EventName, byte[] Body, int Attempt);

    /// <summary>Publishes an event; returns how many webhooks it was queued for.</summary>
    public int Publish(string companyId, string eventName, IReadOnlyDictionary<string, string> payload)
    {
        var eventId = Guid.NewGuid();
        var body = Envelope(companyId, eventName, payload);
        var count = 0;
        foreach (var webhook in store.Of(companyId).Where(w => w.Wants(eventName)))
        {
            _queue.Writer.TryWrite(new Delivery(webhook.Id, eventId, eventName, body, 1));
            count++;
        }

        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (store.Get(delivery.WebhookId) is { } webhook)
            {
                await DeliverAsync(webhook, delivery, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(Webhook webhook, Delivery delivery, CancellationToken stoppingToken)
    {
        int? status = null;
        string? error = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(delivery.Body) };
        request.Content.Headers.ContentType = new("application/json");
        if (webhook.AuthType == "TOKEN" && !string.IsNullOrEmpty(webhook.Token))
        {
            request.Headers.TryAddWithoutValidation("Authorization", webhook.Token);
        }
        else if (webhook.AuthType == "CUSTOM")
        {
            foreach (var (name, value) in webhook.CustomHeaders)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            error = ex is OperationCanceledException ? "timeout" : ex.Message;
        }

        store.Record(new DeliveryAttempt(webhook.Id, delivery.EventId, delivery.EventName, delivery.Attempt, status, error, time.GetUtcNow()));
        var retry = error is not null || status is >= 500 and not 501;
        if (retry && delivery.Attempt < options.Value.MaxAttempts)
        {
            var delay = options.Value.RetryDelays[delivery.Attempt - 1];
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Delivery of {EventName} to webhook {WebhookId} failed ({StatusCode}, {Error}); retrying in {Delay}", delivery.EventName, webhook.Id, status, error, delay);
            }

            _ = RequeueAfterAsync(delivery with { Attempt = delivery.Attempt + 1 }, delay, stoppingToken);
        }
    }

    private async Task RequeueAfterAsync(Delivery delivery, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            await _queue.Writer.WriteAsync(delivery, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: pending retries are dropped with the rest of the in-memory state.
        }
    }

    private byte[] Envelope(string companyId, string eventName, IReadOnlyDictionary<string, string> payload)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("company_id", companyId);
            w.WriteString("event_name", eventName);
            w.WriteString("occurred_at", Dates.V2Timestamp(time.GetUtcNow()));
            w.WriteStartObject("payload");
            foreach (var (key, value) in payload)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteStartObject("meta");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
