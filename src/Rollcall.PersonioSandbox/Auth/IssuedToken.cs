using System.Collections.Frozen;

namespace Rollcall.PersonioSandbox.Auth;

internal enum ApiVersion { V1, V2 }

internal sealed record IssuedToken(string Value, string ClientId, ApiVersion Api, FrozenSet<string> Scopes, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public string ScopeString => string.Join(' ', Scopes.Order(StringComparer.Ordinal));

    // Never print the token itself.
    public override string ToString() => $"Token for {ClientId} ({Api}, expires {ExpiresAt:O})";
}
