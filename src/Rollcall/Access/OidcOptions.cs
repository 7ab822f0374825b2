using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Rollcall.Access;

/// <summary>
/// Identity providers admins may sign in with (OpenID Connect, authorization code with PKCE). Section <c>Access:Oidc</c>;
/// each entry of <c>Providers</c> is named by its key (<c>Access:Oidc:Providers:entra:Authority</c>) and gets a button on the login page.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Access:Oidc";

    public Dictionary<string, OidcProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class OidcProviderOptions
{
    /// <summary>The issuer; its <c>/.well-known/openid-configuration</c> is read. https, http only on loopback.</summary>
    [Required]
    public Uri? Authority { get; set; }

    [Required]
    public string? ClientId { get; set; }

    /// <summary>The client secret; empty for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The button's text ("Sign in with …"); the provider's key when empty.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Scopes besides <c>openid</c>; <c>email</c> is needed for the email claim.</summary>
    public List<string> Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>
    /// The claim that must be <c>true</c> for the email to count as verified: <c>email_verified</c> (OpenID Connect, Google,
    /// Keycloak), or <c>xms_edov</c> for Entra ID (an optional claim to add in the app registration).
    /// </summary>
    [Required]
    public string EmailVerifiedClaim { get; set; } = "email_verified";
}

/// <summary>Each provider: authority https (http only for loopback), client id, a key usable in a scheme name and callback path.</summary>
internal sealed class OidcOptionsValidation : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, provider) in options.Providers)
        {
            if (key.Length is 0 or > 32 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                failures.Add($"Access:Oidc:Providers:{key} must be named with 1 to 32 letters, digits, '-' or '_'.");
            }

            if (provider.Authority is not { IsAbsoluteUri: true } authority
                || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback)))
            {
                failures.Add($"Access:Oidc:Providers:{key}:Authority must be an absolute https URL (http only for loopback).");
            }

            if (string.IsNullOrWhiteSpace(provider.ClientId))
            {
                failures.Add($"Access:Oidc:Providers:{key}:ClientId is required.");
            }

            if (string.IsNullOrWhiteSpace(provider.EmailVerifiedClaim))
            {
                failures.Add($"Access:Oidc:Providers:{key}:EmailVerifiedClaim must name a claim.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
