using Microsoft.Extensions.Options;

namespace Rollcall.Personio;

/// <summary>
/// Which instance of the resilience pipeline (circuit breaker, concurrency limiter) a request goes through: one per
/// credential (request option <see cref="PersonioThrottle.CredentialKey"/>), so one company's failing credential opens
/// only its own circuit. The resilience library caches a pipeline per key for the life of the process and never
/// evicts one, so the keys are slots that credentials take turns on: a credential idle for longer than a request can
/// last plus the breaker's memory (its sampling window and break) gives its slot back, and a pipeline that idle holds
/// no state a newcomer could notice. A slot whose circuit is open stays with its credential until it closes. So the
/// pipelines number at most the credentials busy at one time, not every credential (or mistyped secret) ever seen.
/// </summary>
public sealed class PersonioCircuits(TimeProvider time, IOptions<PersonioOptions> options)
{
    private readonly Dictionary<string, Slot> _byCredential = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _free = [];
    private readonly Lock _gate = new();
    private int _created;
    private DateTimeOffset _sweptAt = DateTimeOffset.MinValue;

    /// <summary>How long a credential must have been idle before its slot may serve another one.</summary>
    public TimeSpan IdleBeforeReuse { get; } = options.Value.TotalRequestTimeout + PersonioSetup.SamplingDuration(options.Value) + options.Value.CircuitBreakDuration;

    /// <summary>Pipelines created so far; the library keeps each of them.</summary>
    public int Slots
    {
        get
        {
            lock (_gate)
            {
                return _created;
            }
        }
    }

    /// <summary>The pipeline key for <paramref name="request"/>: its credential's slot.</summary>
    public string Select(HttpRequestMessage request) => SlotOf(CredentialOf(request)).Key;

    /// <summary>Called by the breaker: an open circuit keeps its slot, so no other credential inherits it.</summary>
    public void Opened(HttpRequestMessage? request) => SetOpen(request, true);

    public void Closed(HttpRequestMessage? request) => SetOpen(request, false);

    private void SetOpen(HttpRequestMessage? request, bool open)
    {
        if (request is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_byCredential.TryGetValue(CredentialOf(request), out var slot))
            {
                slot.Open = open;
            }
        }
    }

    private Slot SlotOf(string credential)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (now - _sweptAt > IdleBeforeReuse / 4)
            {
                Sweep(now);
            }

            if (!_byCredential.TryGetValue(credential, out var slot))
            {
                var number = _free.Count > 0 ? _free.Min : _created++;
                _free.Remove(number);
                slot = new Slot(number);
                _byCredential[credential] = slot;
            }

            slot.LastUsed = now;
            return slot;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        _sweptAt = now;
        foreach (var (credential, slot) in _byCredential.Where(e => !e.Value.Open && now - e.Value.LastUsed > IdleBeforeReuse).ToList())
        {
            _byCredential.Remove(credential);
            _free.Add(slot.Number);
        }
    }

    private static string CredentialOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(PersonioThrottle.CredentialKey, out var key) ? key : "";

    private sealed class Slot(int number)
    {
        public int Number { get; } = number;
        public string Key { get; } = "credential-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        public DateTimeOffset LastUsed { get; set; }
        public bool Open { get; set; }
    }
}
