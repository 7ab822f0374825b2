namespace Rollcall.Personio;

/// <summary>
/// The requests one sync run sent to Personio, each attempt counted (retries included), and the 429s among them. The
/// engine sets one for the run's duration (<see cref="Current"/>, an async-local: a run's reads, in parallel or not, see
/// its own; two companies' runs in one process never share one); <see cref="PersonioMetering"/> counts into it.
/// </summary>
internal sealed class PersonioTally
{
    private static readonly AsyncLocal<PersonioTally?> Flowing = new();
    private int _requests;
    private int _throttled;

    /// <summary>The tally of the run this code runs for; null outside a run (a connection check, a page's attribute list).</summary>
    public static PersonioTally? Current
    {
        get => Flowing.Value;
        set => Flowing.Value = value;
    }

    public int Requests => Volatile.Read(ref _requests);

    public int Throttled => Volatile.Read(ref _throttled);

    public void Attempt(bool throttled)
    {
        Interlocked.Increment(ref _requests);
        if (throttled)
        {
            Interlocked.Increment(ref _throttled);
        }
    }
}
