using Quartz;

namespace Rollcall.Mail;

/// <summary>
/// Thin Quartz adapter over <see cref="MailDispatcher"/>, fired every <see cref="MailOptions.DispatchInterval"/>. Several
/// nodes may run it at once: the dispatcher's claims keep them apart.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class MailDispatchJob(MailDispatcher dispatcher, IHostApplicationLifetime lifetime) : IJob
{
    public static readonly JobKey Key = new("mail-dispatch", "rollcall");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        await dispatcher.DispatchAsync(stopping.Token);
    }
}
