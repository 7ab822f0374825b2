using Microsoft.Extensions.Options;
using Rollcall.Endpoints;

namespace Rollcall.Mail;

/// <summary>
/// Runs <see cref="MailDispatcher"/> every <see cref="MailOptions.DispatchInterval"/> on this node, unless dispatching is
/// off. A per-node timer, not a Quartz job: every node may dispatch at once (the dispatcher's claims keep them apart), and
/// a shared trigger in the clustered store would let only one node send at a time and write to the database each round.
/// </summary>
internal sealed partial class MailDispatchLoop(IServiceProvider services, IOptions<MailOptions> options, TimeProvider time, ILogger<MailDispatchLoop> log)
    : PeriodicRounds(services, time)
{
    protected override bool Enabled => options.Value.Dispatch;

    protected override TimeSpan Interval => options.Value.DispatchInterval;

    protected override Task RoundAsync(IServiceProvider scoped, CancellationToken ct) =>
        scoped.GetRequiredService<MailDispatcher>().DispatchAsync(ct);

    // The messages stay pending or claimed (the claim lapses); the next round tries again.
    protected override void RoundFailed(Exception exception) => LogRoundFailed(log, exception);

    [LoggerMessage(EventId = 4090, Level = LogLevel.Error, Message = "A mail dispatcher round failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
