using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.Sync;

namespace Rollcall.Integration;

/// <summary>
/// Who becomes a user: reading, previewing and saving a company's <see cref="ImportRules"/>, for the JSON API and the
/// Personio page alike. A preview is a dry run deciding by the proposed rules, so an admin sees whom a new scope
/// would create and deactivate before saving it; the next real run applies the saved rules under the mass-change
/// guard like any other.
/// </summary>
internal sealed class ImportRulesChanges(RollcallDbContext db, SyncQueue queue)
{
    public const int MaxDaysBeforeHire = 365;
    public const int MaxIdsPerList = 1000;

    public async Task<ImportRules> GetAsync(Guid companyId, CancellationToken ct) =>
        await db.PersonioIntegrations.AsNoTracking().Where(i => i.CompanyId == companyId)
            .Select(i => new ImportRules(i.Scope, i.ImportExternals, i.LeavePolicy, i.OnboardingInviteDays)).SingleOrDefaultAsync(ct)
        ?? ImportRules.Default;

    public async Task<Outcome<ImportRules>> SaveAsync(Guid companyId, ImportRules? rules, CancellationToken ct)
    {
        if (Validate(rules) is { } problem)
        {
            return problem;
        }

        var integration = await db.PersonioIntegrations.SingleOrDefaultAsync(i => i.CompanyId == companyId, ct);
        if (integration is null)
        {
            return ProblemCodes.Conflict("not_connected");
        }

        var normalized = Normalize(rules!);
        integration.Scope = normalized.Scope;
        integration.ImportExternals = normalized.ImportExternals;
        integration.LeavePolicy = normalized.Leave;
        integration.OnboardingInviteDays = normalized.OnboardingInviteDays;
        await db.SaveChangesAsync(ct);
        return normalized;
    }

    /// <summary>Queues a preview deciding by <paramref name="rules"/>; poll the run and its steps.</summary>
    public async Task<Outcome<SyncRun>> PreviewAsync(Guid companyId, ImportRules? rules, CancellationToken ct) =>
        Validate(rules) is { } problem ? problem : await queue.QueueAsync(companyId, dryRun: true, ct, Normalize(rules!));

    private static ProblemDetails? Validate(ImportRules? rules)
    {
        // JSON may leave out what the records declare non-null.
        if (rules?.Scope?.LegalEntities?.Ids is null || rules.Scope.Offices?.Ids is null || rules.Scope.Departments?.Ids is null)
        {
            return ProblemCodes.Invalid("invalid_rules.shape");
        }

        if (rules.OnboardingInviteDays is < 0 or > MaxDaysBeforeHire)
        {
            return ProblemCodes.Invalid("invalid_rules.days", MaxDaysBeforeHire);
        }

        var lists = new[] { rules.Scope.LegalEntities, rules.Scope.Offices, rules.Scope.Departments };
        return lists.Any(l => l.Ids.Count > MaxIdsPerList || l.Ids.Any(id => string.IsNullOrWhiteSpace(id) || id.Trim().Length > 64))
            ? ProblemCodes.Invalid("invalid_rules.ids", MaxIdsPerList)
            : null;
    }

    /// <summary>Ids trimmed, without repeats, in order, so equal rules compare equal.</summary>
    private static ImportRules Normalize(ImportRules rules)
    {
        static ScopeList List(ScopeList list) => list with { Ids = [.. list.Ids.Select(id => id.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] };
        return rules with { Scope = new ImportScope(List(rules.Scope.LegalEntities), List(rules.Scope.Offices), List(rules.Scope.Departments)) };
    }
}
