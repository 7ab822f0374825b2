namespace Rollcall.Personio;

/// <summary>
/// The requests one credential made to one kind of endpoint, judged the way Personio counts them: at most
/// <c>Limit</c> in any <c>Period</c> (15 in any second and 300 in any minute on the v1 list). A request counts from when
/// it starts until a period after its answer arrived: Personio counted it at some moment in between, so however late
/// or early its count happened on Personio's side, the next request never lands in a window that is already full.
/// Bursts go out at once; once a window is full, the next request waits until the oldest answer leaves it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.")]
internal sealed class RequestWindow(IReadOnlyList<(int Limit, TimeSpan Period)> rules, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TimeSpan _longest = rules.Max(r => r.Period);
    // When each answer of the longest period arrived, oldest first.
    private readonly List<DateTimeOffset> _answered = [];
    private int _inFlight;
    private TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once the window was dropped as idle; whoever holds it then asks for a new one.</summary>
    public bool Retired { get; private set; }

    /// <summary>
    /// Waits until a request may start and counts it as started; <see cref="Answered"/> must follow. Waiting requests go
    /// one at a time, oldest first. False: the window was retired meanwhile (nothing counted).
    /// </summary>
    public async Task<bool> StartAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            while (true)
            {
                Task untilAnswer;
                TimeSpan wait;
                lock (_gate)
                {
                    if (Retired)
                    {
                        return false;
                    }

                    var next = WaitAt(time.GetUtcNow());
                    if (next == TimeSpan.Zero)
                    {
                        _inFlight++;
                        return true;
                    }

                    untilAnswer = _answer.Task;
                    wait = next ?? Timeout.InfiniteTimeSpan;
                }

                // Full of answers: until the oldest leaves the window. Full of requests still out: until one is answered.
                await (wait == Timeout.InfiniteTimeSpan ? untilAnswer.WaitAsync(ct) : Task.Delay(wait, time, ct));
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>The request's answer arrived (or it failed): from now it counts for one more period, then leaves.</summary>
    public void Answered()
    {
        TaskCompletionSource answer;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _inFlight--;
            var at = _answered.Count;
            while (at > 0 && _answered[at - 1] > now)
            {
                at--;
            }

            _answered.Insert(at, now);
            Forget(now);
            answer = _answer;
            _answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        answer.TrySetResult();
    }

    /// <summary>
    /// How long until a request may start at <paramref name="now"/>: zero if now, null if only an answer to a request
    /// still out can make room.
    /// </summary>
    internal TimeSpan? WaitAt(DateTimeOffset now)
    {
        lock (_gate)
        {
            Forget(now);
            var wait = TimeSpan.Zero;
            foreach (var (limit, period) in rules)
            {
                // Answers still inside this period, oldest first: the window holds them and every request still out.
                var first = _answered.FindIndex(t => t + period > now);
                var inWindow = first < 0 ? 0 : _answered.Count - first;
                var over = _inFlight + inWindow - limit + 1;
                if (over <= 0)
                {
                    continue;
                }

                if (over > inWindow)
                {
                    return null;
                }

                var free = _answered[first + over - 1] + period - now;
                wait = free > wait ? free : wait;
            }

            return wait;
        }
    }

    /// <summary>Retires the window when nothing in it counts any more and nobody waits for it.</summary>
    public bool TryRetire()
    {
        lock (_gate)
        {
            Forget(time.GetUtcNow());
            if (_inFlight == 0 && _answered.Count == 0 && _turn.CurrentCount == 1)
            {
                Retired = true;
            }

            return Retired;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        var stale = _answered.FindIndex(t => t + _longest > now);
        _answered.RemoveRange(0, stale < 0 ? _answered.Count : stale);
    }
}
