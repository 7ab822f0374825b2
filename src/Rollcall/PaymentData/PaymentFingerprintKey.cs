using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;

namespace Rollcall.PaymentData;

/// <summary>
/// The installation's key for payment-data fingerprints (<see cref="PaymentDataSeal.Fingerprint"/>): 32 random bytes
/// made by the first node that needs them, stored sealed by the key ring as an <see cref="InstallationSecret"/>, and
/// kept in memory from then on. Two nodes making it at once: the second one's insert fails and it reads the first's.
/// A key that can no longer be opened (the key ring was lost) is replaced: fingerprints made with the old one then
/// simply never match, so the values are opened and compared, which is always right.
/// </summary>
public sealed partial class PaymentFingerprintKey
{
    public const string SecretName = "payment-fingerprint-key";

    private readonly Func<byte[]> _load;
    private byte[]? _key;

    public PaymentFingerprintKey(IServiceScopeFactory scopes, IDataProtectionProvider provider, TimeProvider time, ILogger<PaymentFingerprintKey> logger)
    {
        var protector = provider.CreateProtector("Rollcall.InstallationSecrets.v1");
        _load = () => Load(scopes, protector, time, logger);
    }

    private PaymentFingerprintKey(byte[] key)
    {
        _key = key;
        _load = () => key;
    }

    /// <summary>A fixed key, for a seal outside a host.</summary>
    public static PaymentFingerprintKey Of(byte[] key) => new(key);

    public byte[] Bytes => Volatile.Read(ref _key) ?? LoadOnce();

    private byte[] LoadOnce()
    {
        lock (_load)
        {
            return _key ??= _load();
        }
    }

    // Synchronous on purpose: it runs once per process, inside a save's interceptor or a planner that has no await.
    private static byte[] Load(IServiceScopeFactory scopes, IDataProtector protector, TimeProvider time, ILogger logger)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
            var stored = db.InstallationSecrets.SingleOrDefault(s => s.Name == SecretName);
            if (stored is not null)
            {
                try
                {
                    return protector.Unprotect(Convert.FromBase64String(stored.SealedValue));
                }
                catch (CryptographicException)
                {
                    LogReplaced(logger);
                }
            }

            var key = RandomNumberGenerator.GetBytes(32);
            var sealedValue = Convert.ToBase64String(protector.Protect(key));
            if (stored is null)
            {
                db.InstallationSecrets.Add(new InstallationSecret { Name = SecretName, SealedValue = sealedValue, CreatedAt = time.GetUtcNow().UtcDateTime });
            }
            else
            {
                stored.SealedValue = sealedValue;
            }

            try
            {
                db.SaveChanges();
                return key;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node made (or replaced) it first: read theirs.
            }
        }
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "The payment-data fingerprint key could not be opened (the key ring changed); a new one replaces it, and payment data is compared by value until fingerprints are rewritten")]
    private static partial void LogReplaced(ILogger logger);
}
