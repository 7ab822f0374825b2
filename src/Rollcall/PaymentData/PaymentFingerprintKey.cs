using System.Security.Cryptography;
using System.Buffers.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
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

    /// <summary>How long the key ring's list of usable keys is trusted before it is read again.</summary>
    private static readonly TimeSpan KeyListLifetime = TimeSpan.FromMinutes(5);

    private readonly Func<byte[]> _load;
    private readonly IKeyManager? _keys;
    private readonly TimeProvider _time = TimeProvider.System;
    private byte[]? _key;
    private volatile KeyList? _keyList;

    public PaymentFingerprintKey(IServiceScopeFactory scopes, IDataProtectionProvider provider, IKeyManager keys, TimeProvider time, ILogger<PaymentFingerprintKey> logger)
    {
        var protector = provider.CreateProtector("Rollcall.InstallationSecrets.v1");
        _load = () => Load(scopes, protector, time, logger);
        _keys = keys;
        _time = time;
    }

    private PaymentFingerprintKey(byte[] key)
    {
        _key = key;
        _load = () => key;
    }

    /// <summary>A fixed key, for a seal outside a host.</summary>
    public static PaymentFingerprintKey Of(byte[] key) => new(key);

    /// <summary>
    /// The key. Loaded on start (<see cref="LoadAsync"/>), before any save needs it: loaded inside a save instead, its
    /// own connection would wait for the save's transaction on SQLite.
    /// </summary>
    public byte[] Bytes => Volatile.Read(ref _key) ?? LoadOnce();

    /// <summary>Loads (or makes) the key now; on start, after the migrations.</summary>
    public Task LoadAsync(CancellationToken ct) => _key is not null ? Task.CompletedTask : Task.Run(LoadOnce, ct);

    private byte[] LoadOnce()
    {
        lock (_load)
        {
            return _key ??= _load();
        }
    }

    /// <summary>
    /// Whether the key that sealed <paramref name="stored"/> is in the key ring and not revoked, read from the sealed
    /// text's header without opening it. False for anything else (a value in clear, another format, a fixed key), which is
    /// then opened to be compared.
    /// </summary>
    public bool KeyRingHas(string stored)
    {
        if (_keys is null || !PaymentDataSeal.IsSealed(stored) || stored.Length < PaymentDataSeal.Marker.Length + 28)
        {
            return false;
        }

        // Data Protection's payload: a 4-byte magic header, then the 16-byte id of the key.
        Span<byte> header = stackalloc byte[21];
        if (Base64Url.DecodeFromChars(stored.AsSpan(PaymentDataSeal.Marker.Length, 28), header) != 21)
        {
            return false;
        }

        var id = new Guid(header[4..20]);
        var list = _keyList;
        var now = _time.GetUtcNow();
        if (list is null || now - list.ReadAt > KeyListLifetime || (!list.Usable.Contains(id) && now - list.ReadAt > TimeSpan.FromSeconds(10)))
        {
            // A key made by another node since the list was read is looked for again, at most every few seconds.
            list = _keyList = new KeyList(_keys.GetAllKeys().Where(k => !k.IsRevoked).Select(k => k.KeyId).ToHashSet(), now);
        }

        return list.Usable.Contains(id);
    }

    private sealed record KeyList(HashSet<Guid> Usable, DateTimeOffset ReadAt);

    // Synchronous: it runs once per process, and its callers (the audit interceptor, the planner) have no await.
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
