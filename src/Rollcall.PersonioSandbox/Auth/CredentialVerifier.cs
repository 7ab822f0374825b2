using System.Security.Cryptography;
using System.Text;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Auth;

internal static class CredentialVerifier
{
    /// <summary>The enabled credential matching the pair, or null (unknown id, wrong secret or disabled).</summary>
    public static Credential? Verify(SandboxState state, string? clientId, string? secret)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret) || state.Credential(clientId) is not { } credential)
        {
            return null;
        }

        var matches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credential.Secret), Encoding.UTF8.GetBytes(secret));
        return matches && credential.Enabled ? credential : null;
    }

    /// <summary>Reads <c>Authorization: Bearer papi-...</c>; null when absent.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : header.Trim();
    }
}
