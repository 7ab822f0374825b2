namespace Rollcall.Endpoints;

/// <summary>
/// A loop on this node: a round every <see cref="Interval"/> (the first at once unless <see cref="FirstRoundAtOnce"/> is
/// false), each in a scope of its own. A failed round is logged and the next one tries again; stopping the host ends
/// the loop. For work every node may do at once (its own claims or idempotence keep nodes apart), not a Quartz job.
/// </summary>
internal abstract class PeriodicRounds(IServiceProvider services, TimeProvider time) : BackgroundService
{
    /// <summary>Whether this node runs the rounds at all.</summary>
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    protected virtual bool FirstRoundAtOnce => true;

    /// <summary>One round, with the round's scoped services.</summary>
    protected abstract Task RoundAsync(IServiceProvider scoped, CancellationToken ct);

    /// <summary>Logs a failed round (the work stays as it was; the next round tries again).</summary>
    protected abstract void RoundFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        if (!FirstRoundAtOnce && !await NextRoundAsync(timer, stoppingToken))
        {
            return;
        }

        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await RoundAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RoundFailed(e);
            }
        }
        while (await NextRoundAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextRoundAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
