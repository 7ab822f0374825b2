using System.Security.Claims;

namespace Rollcall.Access;

internal static class Policies
{
    /// <summary>Pages: a signed-in admin of the company in the route (<c>{companyId}</c>).</summary>
    public const string CompanyAdmin = "company-admin";

    /// <summary>JSON API: an API key whose account is an admin of the company in the route.</summary>
    public const string ApiCompanyAdmin = "api-company-admin";

    /// <summary>JSON API: any valid API key.</summary>
    public const string Api = "api";
}

internal static class RollcallClaims
{
    public const string ApiKeyId = "rollcall:api_key";
    public const string ApiKeyCompany = "rollcall:api_key_company";
    public const string ApiKeyName = "rollcall:api_key_name";
    public const string ApiKeyReadOnly = "rollcall:api_key_read_only";
    public const string MustChangePassword = "rollcall:must_change_password";
    public const string TwoFactor = "rollcall:two_factor";
    public const string Session = "rollcall:session";

    public static Guid AccountId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The principal has no account id."));

    public static Guid? AccountIdOrNull(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The server-side session the cookie names; null for API keys and before sign-in.</summary>
    public static Guid? SessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(Session), out var id) ? id : null;

    public static string AccountName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.Name) ?? principal.FindFirstValue(ClaimTypes.Email) ?? "?";

    /// <summary>The signed-in admin as the cause of a change (audit trail, approvals).</summary>
    public static Rollcall.Data.Audit.ChangeCause AsCause(this ClaimsPrincipal principal) =>
        Rollcall.Data.Audit.ChangeCause.Admin(principal.AccountId(), principal.AccountName());

    /// <summary>The caller as the actor of a configuration change: an API key (by its name and its admin) or a signed-in admin.</summary>
    public static Rollcall.Data.ConfigAudit.ConfigActor AsConfigActor(this ClaimsPrincipal principal)
    {
        var cause = principal.AsCause();
        return principal.FindFirstValue(ApiKeyId) is { } keyId
            ? new("api_key", keyId, $"{principal.FindFirstValue(ApiKeyName)} ({cause.Name})")
            : new("admin", cause.Id, cause.Name);
    }

    /// <summary>The company an API key is limited to; null for a cookie session.</summary>
    public static Guid? ApiKeyCompanyId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(ApiKeyCompany) is { } id ? Guid.Parse(id) : null;
}
