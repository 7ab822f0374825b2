using System.ComponentModel.DataAnnotations;

namespace Rollcall.PersonioSandbox.Auth;

internal enum QueryStringCredentials { Accept, Reject }

/// <summary>Authentication behaviour (section <c>Sandbox:Auth</c>). Defaults follow the spec where it is certain.</summary>
internal sealed class AuthOptions
{
    public const string Section = "Sandbox:Auth";

    /// <summary>Personio tokens live 24 hours; the same token is handed out again during that time.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Status for an invalid or expired v1 token: the spec example says 403, clients report 401 too.</summary>
    [AllowedValues(401, 403)]
    public int V1InvalidTokenStatus { get; set; } = 403;

    /// <summary>Credentials in the <c>/v1/auth</c> query string are deprecated; Reject answers 403 as after the removal date.</summary>
    public QueryStringCredentials QueryStringCredentials { get; set; } = QueryStringCredentials.Accept;

    /// <summary>The pre-2023 behaviour: every v1 response carries a new token and the used one stops working.</summary>
    public bool LegacyRotatingTokens { get; set; }

    /// <summary>Whether disabling, deleting or re-keying a credential invalidates tokens already issued from it.</summary>
    public bool DisablingRevokesTokens { get; set; } = true;

    /// <summary>Whether a token from <c>/v1/auth</c> works on v2 and one from <c>/v2/auth/token</c> on v1.</summary>
    public bool TokensInterchangeable { get; set; } = true;

    /// <summary>Status for <c>invalid_client</c> on <c>/v2/auth/token</c>: the spec says 400, one client observed 401.</summary>
    [AllowedValues(400, 401)]
    public int V2InvalidClientStatus { get; set; } = 400;

    /// <summary>Status when the credential lacks the module right on v2 (observed 401, not 403).</summary>
    [AllowedValues(401, 403)]
    public int V2MissingRightStatus { get; set; } = 401;
}
