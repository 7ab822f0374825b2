using System.Security.Cryptography;
using System.Text;

namespace Rollcall.Webhooks;

/// <summary>
/// A company's webhook token: <c>Bearer</c> and 32 random bytes (base64url), the whole string being what Personio is
/// given and sends back verbatim in <c>Authorization</c>. Only its SHA-256 is stored; a token of 256 random bits needs
/// no slow hash and no salt.
/// </summary>
internal static class WebhookToken
{
    private const string Scheme = "Bearer ";

    public static string Issue() => Scheme + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of the exact text, lower-case hex (64 characters).</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares two hashes in constant time; a missing stored hash still costs a comparison, and never matches.</summary>
    public static bool Matches(string presentedHash, string? storedHash)
    {
        var stored = Encoding.ASCII.GetBytes(storedHash ?? Unmatchable);
        var equal = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presentedHash), stored);
        return equal && storedHash is not null;
    }

    /// <summary>A hash no token has (not hex), compared against when there is nothing to compare with.</summary>
    private static readonly string Unmatchable = new('-', 64);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
