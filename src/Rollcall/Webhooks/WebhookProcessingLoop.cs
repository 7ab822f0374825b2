using Microsoft.Extensions.Options;
using Rollcall.Sync;

namespace Rollcall.Webhooks;

/// <summary>
/// Runs <see cref="WebhookProcessor"/> and <see cref="DeltaReads"/> every <see cref="WebhookProcessingOptions.PollInterval"/>
/// on this node, unless this node runs no syncs. A per-node timer like the mail dispatcher's, not a Quartz job: any node
/// may look, and the company's lease lets only one of them run it.
/// </summary>
internal sealed partial class WebhookProcessingLoop(
    IServiceProvider services, IOptions<WebhookProcessingOptions> options, IOptions<SchedulerOptions> scheduler, TimeProvider time, ILogger<WebhookProcessingLoop> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Process || !scheduler.Value.RunJobs)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await NextRoundAsync(timer, stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WebhookProcessor>().ProcessAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<DeltaReads>().RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The events stay waiting (a run that failed recorded why); the next round tries again.
                LogRoundFailed(log, e);
            }
        }
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

    [LoggerMessage(EventId = 3190, Level = LogLevel.Error, Message = "A webhook processing round failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
