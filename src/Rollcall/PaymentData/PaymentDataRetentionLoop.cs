using Microsoft.Extensions.Options;
using Rollcall.Endpoints;

namespace Rollcall.PaymentData;

/// <summary>
/// Runs <see cref="PaymentDataRetention"/> at start and every <see cref="PaymentDataOptions.RetentionInterval"/> on this
/// node. A per-node timer like the mail dispatcher's: the pass is idempotent, so nodes running it at once do no harm.
/// </summary>
internal sealed partial class PaymentDataRetentionLoop(IServiceProvider services, IOptions<PaymentDataOptions> options, TimeProvider time,
    ILogger<PaymentDataRetentionLoop> log) : PeriodicRounds(services, time)
{
    protected override bool Enabled => options.Value.Retention;

    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override async Task RoundAsync(IServiceProvider scoped, CancellationToken ct)
    {
        var erased = await scoped.GetRequiredService<PaymentDataRetention>().EraseDueAsync(ct);
        if (erased > 0)
        {
            LogErased(log, erased);
        }
    }

    // Nothing half-done: each batch is one save; the next pass tries again.
    protected override void RoundFailed(Exception exception) => LogPassFailed(log, exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Retention erased the payment data of {Count} deactivated user(s)")]
    private static partial void LogErased(ILogger logger, int count);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "A payment-data retention pass failed; the next pass tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
