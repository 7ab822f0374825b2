using Microsoft.Extensions.Options;

namespace Rollcall.PaymentData;

/// <summary>
/// Runs <see cref="PaymentDataRetention"/> at start and every <see cref="PaymentDataOptions.RetentionInterval"/> on this
/// node. A per-node timer like the mail dispatcher's: the pass is idempotent, so nodes running it at once do no harm.
/// </summary>
internal sealed partial class PaymentDataRetentionLoop(IServiceProvider services, IOptions<PaymentDataOptions> options, TimeProvider time,
    ILogger<PaymentDataRetentionLoop> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Retention)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var erased = await scope.ServiceProvider.GetRequiredService<PaymentDataRetention>().EraseDueAsync(stoppingToken);
                if (erased > 0)
                {
                    LogErased(log, erased);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(log, e); // nothing half-done: each batch is one save; the next pass tries again
            }
        }
        while (await NextAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken stoppingToken)
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

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Retention erased the payment data of {Count} deactivated user(s)")]
    private static partial void LogErased(ILogger logger, int count);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "A payment-data retention pass failed; the next pass tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
