using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Rollcall.Access;
using Rollcall.Data;
using Rollcall.Data.ConfigAudit;
using Rollcall.Data.Access;
using Rollcall.Data.Audit;
using Rollcall.Data.Companies;
using Rollcall.Data.Personio;

namespace Rollcall.ConfigAudit;

/// <summary>
/// Records every change to a company's configuration in the same SaveChanges that makes it, whichever page, API call or
/// verb made it: credentials (the client id, and only that the secret changed), attribute mapping, schedule, guards and
/// leave policy, import rules, the webhook token, the company's settings and mail rails, API keys issued and revoked.
/// A run's own bookkeeping (state, lease, times) is no configuration and is not recorded. The actor is the caller of
/// the request, else the ambient actor of a command-line verb, else Rollcall itself.
/// </summary>
internal sealed class ConfigChangeInterceptor(ConfigurationAudit audit, IHttpContextAccessor http) : SaveChangesInterceptor
{
    private static readonly (string Action, string[] Fields)[] IntegrationGroups =
    [
        ("mapping.changed", [nameof(PersonioIntegration.IbanAttribute), nameof(PersonioIntegration.PersonnelNumberAttribute), nameof(PersonioIntegration.CreditorNumberAttribute)]),
        ("settings.changed", [nameof(PersonioIntegration.NightlyAt), nameof(PersonioIntegration.GuardPercent), nameof(PersonioIntegration.GuardMinimum),
            nameof(PersonioIntegration.PaymentGuardMinimum), nameof(PersonioIntegration.PaymentGuardPercent), nameof(PersonioIntegration.LeavePolicy)]),
        ("import_rules.changed", [nameof(PersonioIntegration.Scope), nameof(PersonioIntegration.ImportExternals), nameof(PersonioIntegration.OnboardingInviteDays)]),
    ];

    private static readonly (string Action, string[] Fields)[] CompanyGroups =
    [
        ("company.changed", [nameof(Company.Name), nameof(Company.TimeZone), nameof(Company.Language), nameof(Company.PaymentDataRetentionDays)]),
        ("mail_rails.changed", [nameof(Company.InvitationDomains), nameof(Company.InvitationTestMode), nameof(Company.InvitationCapPerRun)]),
    ];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private void Record(DbContext? context)
    {
        if (context is not RollcallDbContext db)
        {
            return;
        }

        var changes = new List<(Guid CompanyId, string Action, string? Subject, List<FieldChange> Changes)>();
        foreach (var entry in db.ChangeTracker.Entries<PersonioIntegration>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            var companyId = entry.Entity.CompanyId;
            if (Credentials(entry) is { } credentials)
            {
                changes.Add((companyId, credentials.Action, null, credentials.Changes));
            }

            if (WebhookToken(entry) is { } token)
            {
                changes.Add((companyId, token, null, []));
            }

            changes.AddRange(Grouped(entry, IntegrationGroups).Select(g => (companyId, g.Action, (string?)null, g.Changes)));
        }

        foreach (var entry in db.ChangeTracker.Entries<Company>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            var groups = entry.State == EntityState.Added
                ? [("company.created", [.. CompanyGroups.SelectMany(g => g.Fields).Select(f => new FieldChange(Field(f), null, Text(entry.Property(f).CurrentValue)))])]
                : Grouped(entry, CompanyGroups);
            changes.AddRange(groups.Select(g => (entry.Entity.Id, g.Action, (string?)null, g.Changes)));
        }

        foreach (var entry in db.ChangeTracker.Entries<ApiKey>())
        {
            var key = entry.Entity;
            if (entry.State == EntityState.Added)
            {
                changes.Add((key.CompanyId, "api_key.issued", $"{key.Name} (rk_{key.Prefix}_…)",
                [
                    new FieldChange("read_only", null, Text(key.ReadOnly)),
                    new FieldChange("expires_at", null, Text(key.ExpiresAt)),
                ]));
            }
            else if (entry.State == EntityState.Modified && entry.Property(k => k.RevokedAt) is { IsModified: true, OriginalValue: null, CurrentValue: not null })
            {
                changes.Add((key.CompanyId, "api_key.revoked", $"{key.Name} (rk_{key.Prefix}_…)", []));
            }
        }

        if (changes.Count == 0)
        {
            return;
        }

        var actor = Actor();
        foreach (var (companyId, action, subject, fields) in changes)
        {
            audit.Record(db, companyId, actor, action, subject, fields);
        }
    }

    private ConfigActor Actor() => http.HttpContext?.User is { Identity.IsAuthenticated: true } user
        ? user.AsConfigActor()
        : ConfigActor.Ambient ?? ConfigActor.System("rollcall");

    /// <summary>Connected, replaced or disconnected: the client id in clear, the secret only as set or not.</summary>
    private static (string Action, List<FieldChange> Changes)? Credentials(EntityEntry<PersonioIntegration> entry)
    {
        var clientId = entry.Property(i => i.ClientId);
        var secret = entry.Property(i => i.EncryptedSecret);
        var before = entry.State == EntityState.Added ? null : secret.OriginalValue;
        var beforeId = entry.State == EntityState.Added ? null : clientId.OriginalValue;
        if (before == secret.CurrentValue && beforeId == clientId.CurrentValue)
        {
            return null;
        }

        var action = (before, secret.CurrentValue) switch
        {
            (null, not null) => "credentials.connected",
            (not null, null) => "credentials.disconnected",
            _ => "credentials.replaced",
        };
        return (action,
        [
            new FieldChange("client_id", beforeId, clientId.CurrentValue),
            new FieldChange("client_secret", before is null ? null : "set", secret.CurrentValue is null ? null : before is null ? "set" : "replaced"),
        ]);
    }

    private static string? WebhookToken(EntityEntry<PersonioIntegration> entry)
    {
        var hash = entry.Property(i => i.WebhookTokenHash);
        var before = entry.State == EntityState.Added ? null : hash.OriginalValue;
        return (before, hash.CurrentValue) switch
        {
            (null, null) => null,
            (null, _) => "webhook_token.issued",
            (_, null) => "webhook_token.revoked",
            var (b, a) when b != a => "webhook_token.rotated",
            _ => null,
        };
    }

    private static List<(string Action, List<FieldChange> Changes)> Grouped<T>(EntityEntry<T> entry, (string Action, string[] Fields)[] groups)
        where T : class
    {
        var result = new List<(string, List<FieldChange>)>();
        foreach (var (action, fields) in groups)
        {
            var diffs = fields
                .Select(f => entry.Property(f))
                .Where(p => entry.State == EntityState.Modified && p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
                .Select(p => new FieldChange(Field(p.Metadata.Name), Text(p.OriginalValue), Text(p.CurrentValue)))
                .ToList();
            if (diffs.Count > 0)
            {
                result.Add((action, diffs));
            }
        }

        return result;
    }

    /// <summary>Field names as the JSON API spells them: <c>GuardPercent</c> → <c>guard_percent</c>.</summary>
    private static string Field(string property) =>
        string.Concat(property.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime at => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        TimeOnly at => at.ToString("HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Rollcall.Data.Personio.ImportScope scope => scope.ToJson(),
        Enum e => e.ToString().ToLowerInvariant(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
