using Microsoft.Extensions.Options;
using Rollcall.Endpoints;
using Rollcall.Sync;

namespace Rollcall.Webhooks;

/// <summary>
/// Runs <see cref="WebhookProcessor"/> and <see cref="DeltaReads"/> every <see cref="WebhookProcessingOptions.PollInterval"/>
/// on this node, unless this node runs no syncs. A per-node timer like the mail dispatcher's, not a Quartz job: any node
/// may look, and the company's lease lets only one of them run it.
/// </summary>
internal sealed partial class WebhookProcessingLoop(
    IServiceProvider services, IOptions<WebhookProcessingOptions> options, IOptions<SchedulerOptions> scheduler, TimeProvider time, ILogger<WebhookProcessingLoop> log)
    : PeriodicRounds(services, time)
{
    protected override bool Enabled => options.Value.Process && scheduler.Value.RunJobs;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override bool FirstRoundAtOnce => false;

    protected override async Task RoundAsync(IServiceProvider scoped, CancellationToken ct)
    {
        await scoped.GetRequiredService<WebhookProcessor>().ProcessAsync(ct);
        await scoped.GetRequiredService<DeltaReads>().RunDueAsync(ct);
    }

    // The events stay waiting (a run that failed recorded why); the next round tries again.
    protected override void RoundFailed(Exception exception) => LogRoundFailed(log, exception);

    [LoggerMessage(EventId = 3190, Level = LogLevel.Error, Message = "A webhook processing round failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
