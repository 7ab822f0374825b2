using Microsoft.Extensions.Options;

namespace Rollcall.Mail;

/// <summary>
/// Runs <see cref="MailDispatcher"/> every <see cref="MailOptions.DispatchInterval"/> on this node, unless dispatching is
/// off. A per-node timer, not a Quartz job: every node may dispatch at once (the dispatcher's claims keep them apart), and
/// a shared trigger in the clustered store would let only one node send at a time and write to the database each round.
/// </summary>
internal sealed partial class MailDispatchLoop(IServiceProvider services, IOptions<MailOptions> options, TimeProvider time, ILogger<MailDispatchLoop> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Dispatch)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.DispatchInterval, time);
        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MailDispatcher>().DispatchAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The messages stay pending or claimed (the claim lapses); the next round tries again.
                LogRoundFailed(log, e);
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

    [LoggerMessage(EventId = 4090, Level = LogLevel.Error, Message = "A mail dispatcher round failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
