using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Auth;

/// <summary>
/// Issued <c>papi-</c> tokens. Asking again with the same credential (and scope) within the lifetime
/// returns the same token, as Personio's stable tokens do.
/// </summary>
internal sealed class TokenStore(TimeProvider time, IOptions<AuthOptions> options)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _current = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IssuedToken Issue(Credential credential, ApiVersion api, FrozenSet<string> scopes)
    {
        var slot = $"{credential.ClientId}|{api}|{string.Join(' ', scopes.Order(StringComparer.Ordinal))}";
        lock (_gate)
        {
            if (_current.TryGetValue(slot, out var existing) && IsLive(existing))
            {
                return existing;
            }

            var now = time.GetUtcNow();
            var token = new IssuedToken("papi-" + Guid.NewGuid(), credential.ClientId, api, scopes, now, now + options.Value.TokenLifetime);
            _tokens[token.Value] = token;
            _current[slot] = token;
            return token;
        }
    }

    /// <summary>The token if it exists, is not revoked and has not expired; otherwise null.</summary>
    public IssuedToken? Resolve(string value) =>
        _tokens.TryGetValue(value, out var token) && IsLive(token) ? token : null;

    /// <summary>Legacy rotating mode: the used token is blacklisted and a fresh one takes its place.</summary>
    public IssuedToken Rotate(IssuedToken used, Credential credential)
    {
        Revoke(used.Value);
        return Issue(credential, used.Api, used.Scopes);
    }

    public bool Revoke(string value) => _tokens.TryRemove(value, out _);

    public void RevokeAll(string clientId)
    {
        foreach (var token in _tokens.Values.Where(t => t.ClientId == clientId))
        {
            _tokens.TryRemove(token.Value, out _);
        }
    }

    public void Clear() => _tokens.Clear();

    private bool IsLive(IssuedToken token) => _tokens.ContainsKey(token.Value) && time.GetUtcNow() < token.ExpiresAt;
}
