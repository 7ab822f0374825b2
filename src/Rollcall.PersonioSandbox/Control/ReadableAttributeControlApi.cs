using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Employees;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>
/// Ticks or unticks one attribute in a credential's "Readable employee attributes". The change applies to
/// the next request, also with tokens already issued; v1 and v2 then omit an unticked attribute silently.
/// </summary>
internal static class ReadableAttributeControlApi
{
    public static RouteGroupBuilder MapReadableAttributeControl(this RouteGroupBuilder control)
    {
        control.MapPut("/credentials/{clientId}/readable-attributes/{key}", (string clientId, string key, SandboxState s, TokenStore t, IOptions<AuthOptions> o) =>
            Change(s, t, o, clientId, key, (readable, _) => readable?.Append(key)))
            .WithName("SandboxAddReadableAttribute");
        control.MapDelete("/credentials/{clientId}/readable-attributes/{key}", (string clientId, string key, SandboxState s, TokenStore t, IOptions<AuthOptions> o) =>
            Change(s, t, o, clientId, key, (readable, all) => (readable ?? all).Where(k => k != key)))
            .WithName("SandboxRemoveReadableAttribute");
        return control;
    }

    /// <summary>
    /// Checks that <c>key</c> is an attribute of the credential's company, then saves the whitelist <c>change</c> makes of
    /// the current one (null: every attribute) and every attribute key of the company.
    /// </summary>
    private static IResult Change(
        SandboxState state, TokenStore tokens, IOptions<AuthOptions> options, string clientId, string key,
        Func<IEnumerable<string>?, IEnumerable<string>, IEnumerable<string>?> change)
    {
        if (state.Credential(clientId) is not { } credential || state.Company(credential.CompanyId) is not { } company)
        {
            return Results.Problem("Unknown credential.", statusCode: 404);
        }

        var all = StandardAttributes.Keys.Concat(company.CustomAttributes.Select(a => a.Key)).ToList();
        if (!all.Contains(key))
        {
            return Results.Problem(
                $"'{key}' is not an attribute of this company; use a standard key such as department or cost_centers, or a dynamic_NNN key. id is always readable.",
                statusCode: 400);
        }

        return CredentialControlApi.Change(state, tokens, options, clientId,
            c => c with { ReadableAttributes = change(c.ReadableAttributes, all)?.ToFrozenSet(StringComparer.Ordinal) });
    }
}
