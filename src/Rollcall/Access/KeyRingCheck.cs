namespace Rollcall.Access;

/// <summary>Says once at start, outside Development, that the key ring lies unencrypted where it is kept.</summary>
internal sealed partial class KeyRingCheck(KeyRingProtection protection, IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<KeyRingOptions> options,
    ILogger<KeyRingCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!protection.Protected && !environment.IsDevelopment())
        {
            LogUnprotected(logger, string.IsNullOrWhiteSpace(options.Value.KeysFolder) ? "the database" : "the folder DataProtection:KeysFolder");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "The Data Protection key ring is not encrypted at rest: its keys, which decrypt the stored Personio secrets, lie in clear in {Store}. "
            + "Set DataProtection:Certificate:Path to a certificate that protects them (DataProtection:RequireProtection=true refuses to start without one).")]
    private static partial void LogUnprotected(ILogger logger, string store);
}
