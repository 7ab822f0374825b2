using System.Security.Claims;
using Rollcall.Access;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.ConfigAudit;

namespace Rollcall.ConfigAudit;

/// <summary>
/// Records changes to a company's configuration in the same unit of work as the change (the caller saves): who, when,
/// what, before and after. Never give it a secret: a credential change names the client id and says the secret changed.
/// </summary>
public sealed class ConfigurationAudit(TimeProvider time)
{
    /// <summary>Adds one configuration change to <paramref name="db"/>; saved with the caller's changes.</summary>
    public ConfigurationChange Record(RollcallDbContext db, Guid companyId, ConfigActor actor, string action, string? subject = null,
        IEnumerable<FieldChange>? changes = null)
    {
        var change = new ConfigurationChange
        {
            CompanyId = companyId,
            At = time.GetUtcNow().UtcDateTime,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            Subject = subject,
            Changes = [.. (changes ?? []).Where(c => c.Before != c.After)],
        };
        db.ConfigurationChanges.Add(change);
        return change;
    }
}

/// <summary>Who changed a company's configuration: a signed-in admin, an API key, the command line or Rollcall itself.</summary>
public sealed record ConfigActor(string Kind, string Id, string Name)
{
    public static ConfigActor System(string what) => new("system", what, what);

    public static ConfigActor CommandLine(string what) => new("cli", what, what);

    /// <summary>The caller of a page or API request: an API key (named by its key name) or a signed-in admin.</summary>
    public static ConfigActor Of(ClaimsPrincipal principal)
    {
        var cause = principal.AsCause();
        return principal.FindFirst(RollcallClaims.ApiKeyId) is { Value: { } keyId }
            ? new("api_key", keyId, $"{principal.FindFirst(RollcallClaims.ApiKeyName)?.Value} ({cause.Name})")
            : new("admin", cause.Id, cause.Name);
    }
}
