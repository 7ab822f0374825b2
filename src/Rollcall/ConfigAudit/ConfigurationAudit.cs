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
