using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.Seeding;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Credential management: create (additional), list, disable, enable, regenerate the secret, delete.</summary>
internal static class CredentialControlApi
{
    public static RouteGroupBuilder MapCredentialControl(this RouteGroupBuilder control)
    {
        control.MapPost("/companies/{companyId}/credentials", Create).WithName("SandboxCreateCredential");
        control.MapGet("/companies/{companyId}/credentials", (string companyId, SandboxState state) =>
            state.CredentialsOf(companyId).Select(c => View(c)).ToList()).WithName("SandboxListCredentials");
        control.MapPost("/credentials/{clientId}/disable", (string clientId, SandboxState s, TokenStore t, IOptions<AuthOptions> o) =>
            Change(s, t, o, clientId, c => c with { Enabled = false })).WithName("SandboxDisableCredential");
        control.MapPost("/credentials/{clientId}/enable", (string clientId, SandboxState s, TokenStore t, IOptions<AuthOptions> o) =>
            Change(s, t, o, clientId, c => c with { Enabled = true })).WithName("SandboxEnableCredential");
        control.MapPost("/credentials/{clientId}/regenerate-secret", (string clientId, SandboxState s, TokenStore t, IOptions<AuthOptions> o) =>
            Change(s, t, o, clientId, c => c with { Secret = CompanySeeder.FullAccessCredential(c.CompanyId).Secret }, showSecret: true))
            .WithName("SandboxRegenerateSecret");
        control.MapDelete("/credentials/{clientId}", (string clientId, SandboxState s, TokenStore t, IOptions<AuthOptions> o) =>
        {
            if (!s.RemoveCredential(clientId))
            {
                return Results.Problem("Unknown credential.", statusCode: 404);
            }

            if (o.Value.DisablingRevokesTokens)
            {
                t.RevokeAll(clientId);
            }

            return Results.NoContent();
        }).WithName("SandboxDeleteCredential");
        return control;
    }

    private static IResult Create(string companyId, CreateCredentialRequest body, SandboxState state)
    {
        if (state.Company(companyId) is null)
        {
            return Results.Problem("Unknown company.", statusCode: 404);
        }

        var credential = CompanySeeder.FullAccessCredential(companyId) with
        {
            ReadableAttributes = body.ReadableAttributes?.ToFrozenSet(StringComparer.Ordinal),
            LegalEntityIds = body.LegalEntityIds?.ToFrozenSet(),
            Scopes = body.Scopes?.ToFrozenSet(StringComparer.Ordinal) ?? Scopes.All,
        };
        state.SaveCredential(credential);
        return Results.Created($"/_sandbox/credentials/{credential.ClientId}", View(credential, showSecret: true));
    }

    internal static IResult Change(SandboxState state, TokenStore tokens, IOptions<AuthOptions> options, string clientId, Func<Credential, Credential> change, bool showSecret = false)
    {
        if (state.Credential(clientId) is not { } credential)
        {
            return Results.Problem("Unknown credential.", statusCode: 404);
        }

        var changed = change(credential);
        state.SaveCredential(changed);
        // A new secret always ends old sessions; disabling does so only when configured (unknown in Personio).
        if (changed.Secret != credential.Secret || (!changed.Enabled && options.Value.DisablingRevokesTokens))
        {
            tokens.RevokeAll(clientId);
        }

        return Results.Ok(View(changed, showSecret));
    }

    internal static CredentialView View(Credential c, bool showSecret = false) =>
        new(c.ClientId, c.CompanyId, c.Enabled,
            c.ReadableAttributes?.Order(StringComparer.Ordinal).ToList(), c.LegalEntityIds?.Order().ToList(),
            c.Scopes.Order(StringComparer.Ordinal).ToList(), showSecret ? c.Secret : null);
}
