using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Rollcall.Data.Personio;

namespace Rollcall.Personio;

/// <summary>Encrypts the client secret at rest with ASP.NET Core Data Protection, and decrypts it for a run.</summary>
public sealed class PersonioSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Rollcall.Personio.ClientSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>
    /// The stored credentials, decrypted; none when no secret is stored, unreadable when the key that encrypted it is
    /// gone from the key ring (deleted, or protected by a certificate no longer configured).
    /// </summary>
    public StoredSecret Read(PersonioIntegration integration)
    {
        if (integration is not { ClientId: { } clientId, EncryptedSecret: { } encrypted })
        {
            return StoredSecret.None;
        }

        try
        {
            return new StoredSecret(new PersonioCredentials(clientId, _protector.Unprotect(encrypted)), Unreadable: false);
        }
        catch (CryptographicException)
        {
            return StoredSecret.Lost; // the exception names only the key; nothing of it is kept
        }
    }
}

/// <summary>What reading a stored secret gave: the credentials, none stored, or a secret that can no longer be decrypted.</summary>
public sealed record StoredSecret(PersonioCredentials? Credentials, bool Unreadable)
{
    public static readonly StoredSecret None = new(null, Unreadable: false);

    public static readonly StoredSecret Lost = new(null, Unreadable: true);
}
