using Microsoft.AspNetCore.DataProtection;
using Rollcall.Data.Personio;

namespace Rollcall.Personio;

/// <summary>Encrypts the client secret at rest with ASP.NET Core Data Protection, and decrypts it for a run.</summary>
public sealed class PersonioSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Rollcall.Personio.ClientSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public PersonioCredentials? CredentialsOf(PersonioIntegration integration) =>
        integration is { ClientId: { } clientId, EncryptedSecret: { } encrypted }
            ? new PersonioCredentials(clientId, _protector.Unprotect(encrypted))
            : null;
}
