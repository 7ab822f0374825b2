using System.Collections.Concurrent;

namespace Rollcall.PersonioSandbox.Webhooks;

internal sealed class WebhookStore
{
    private const int KeptAttempts = 1000;
    private readonly ConcurrentDictionary<Guid, Webhook> _webhooks = new();
    private readonly ConcurrentQueue<DeliveryAttempt> _attempts = new();

    public IEnumerable<Webhook> Of(string companyId) => _webhooks.Values.Where(w => w.CompanyId == companyId).OrderBy(w => w.CreatedAt);

    public Webhook? Get(string companyId, Guid id) => _webhooks.TryGetValue(id, out var w) && w.CompanyId == companyId ? w : null;

    public Webhook? Get(Guid id) => _webhooks.GetValueOrDefault(id);

    public void Save(Webhook webhook) => _webhooks[webhook.Id] = webhook;

    public bool Remove(Guid id) => _webhooks.TryRemove(id, out _);

    public IReadOnlyList<DeliveryAttempt> Attempts => [.. _attempts];

    public void Record(DeliveryAttempt attempt)
    {
        _attempts.Enqueue(attempt);
        while (_attempts.Count > KeptAttempts && _attempts.TryDequeue(out _))
        {
        }
    }

    public void Clear()
    {
        _webhooks.Clear();
        _attempts.Clear();
    }
}
