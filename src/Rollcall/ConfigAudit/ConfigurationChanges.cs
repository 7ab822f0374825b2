using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.ConfigAudit;
using Rollcall.Endpoints;

namespace Rollcall.ConfigAudit;

/// <summary>A company's configuration changes, newest first, optionally of one kind (the action's prefix, e.g. <c>credentials</c>).</summary>
internal sealed class ConfigurationChanges(RollcallDbContext db)
{
    public async Task<Paged<ConfigurationChangeResponse>> ListAsync(Guid companyId, string? kind, PageRequest page, CancellationToken ct)
    {
        var changes = db.ConfigurationChanges.AsNoTracking().Where(c => c.CompanyId == companyId);
        if (!string.IsNullOrWhiteSpace(kind))
        {
            var prefix = kind.Trim().ToLowerInvariant() + ".";
            changes = changes.Where(c => c.Action.StartsWith(prefix));
        }

        var total = await changes.CountAsync(ct);
        var items = await changes.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Paged<ConfigurationChangeResponse>([.. items.Select(ConfigurationChangeResponse.From)], page.Page, page.PageSize, total);
    }
}

internal sealed record ConfigurationChangeResponse(
    long Id, DateTime At, string ActorKind, string ActorId, string ActorName, string Action, string? Subject, IReadOnlyList<FieldChange> Changes)
{
    public static ConfigurationChangeResponse From(ConfigurationChange c) => new(c.Id, c.At, c.ActorKind, c.ActorId, c.ActorName, c.Action, c.Subject, c.Changes);
}
