using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;

namespace Rollcall.Explorer;

/// <summary>
/// Reads the explorer's rows (<see cref="PersonDecision"/>, written by the sync after each real run): who in Personio
/// is a user, and if not, why. It only reads; the rows say what the last run decided.
/// </summary>
internal sealed class PeopleExplorer(RollcallDbContext db)
{
    public async Task<Paged<PersonDecision>> ListAsync(Guid companyId, PeopleQuery query, PageRequest page, CancellationToken ct)
    {
        var people = db.PersonDecisions.AsNoTracking().Where(d => d.CompanyId == companyId);
        people = query.Outcome is { } outcome ? people.Where(d => d.Outcome == outcome) : people;
        people = query.Reason is { } reason ? people.Where(d => d.ReasonCode == reason) : people;
        people = query.LegalEntity is { } legalEntity ? people.Where(d => d.LegalEntityId == legalEntity) : people;
        people = query.Office is { } office ? people.Where(d => d.OfficeId == office) : people;
        people = query.Department is { } department ? people.Where(d => d.DepartmentId == department) : people;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // SearchText is stored upper-cased ("NAME EMAIL #ID"), so one LIKE serves both providers without UPPER() per row.
            var term = query.Search.Trim().ToUpperInvariant();
#pragma warning disable CA1307, CA1310 // translated to SQL LIKE by EF Core, not run in .NET
            people = people.Where(d => d.SearchText.Contains(term));
#pragma warning restore CA1307, CA1310
        }

        var total = await people.CountAsync(ct);
        var items = await people.OrderBy(d => d.Name).ThenBy(d => d.PersonioEmployeeId)
            .Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Paged<PersonDecision>(items, page.Page, page.PageSize, total);
    }

    public Task<PersonDecision?> FindAsync(Guid companyId, long personioId, CancellationToken ct) =>
        db.PersonDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.CompanyId == companyId && d.PersonioEmployeeId == personioId, ct);

    /// <summary>The reason codes, legal entities, offices and departments present in the company's rows.</summary>
    public async Task<PeopleChoices> ChoicesAsync(Guid companyId, CancellationToken ct)
    {
        var people = db.PersonDecisions.AsNoTracking().Where(d => d.CompanyId == companyId);
        var codes = await people.Select(d => d.ReasonCode).Distinct().ToListAsync(ct);
        var legalEntities = await people.Where(d => d.LegalEntityId != null).Select(d => new { Id = d.LegalEntityId!, Name = d.LegalEntityName }).Distinct().ToListAsync(ct);
        var offices = await people.Where(d => d.OfficeId != null).Select(d => new { Id = d.OfficeId!, Name = d.OfficeName }).Distinct().ToListAsync(ct);
        var departments = await people.Where(d => d.DepartmentId != null).Select(d => new { Id = d.DepartmentId!, Name = d.DepartmentName }).Distinct().ToListAsync(ct);
        static List<PersonUnit> Sorted(IEnumerable<PersonUnit> units) =>
            [.. units.DistinctBy(u => u.Id).OrderBy(u => u.Name ?? u.Id, StringComparer.CurrentCulture).ThenBy(u => u.Id, StringComparer.Ordinal)];
        return new PeopleChoices(
            [.. codes.Order(StringComparer.Ordinal)],
            Sorted(legalEntities.Select(u => new PersonUnit(u.Id, u.Name))),
            Sorted(offices.Select(u => new PersonUnit(u.Id, u.Name))),
            Sorted(departments.Select(u => new PersonUnit(u.Id, u.Name))));
    }
}
