using System.Text.Json;

namespace Rollcall.Personio;

/// <summary>
/// Names for the ids v2 employments carry (legal entity, workplace, department, team, cost centers), from Personio's
/// reference endpoints. One instance serves one full read: each list is read once (all its pages), each org unit once
/// per distinct id (Personio has no org-unit list), and only for kinds some employee refers to, so the cost does not
/// grow with the number of employees. A name Personio will not give (see <see cref="PersonioV2Api.GetReferenceAsync"/>),
/// or cannot give now (an outage, 429s after the retries, a malformed answer), stays null and the id stays: names are
/// cosmetic, the sync keeps the name it knows for the same id, and a run must not fail for them. Rejected credentials
/// still fail the read.
/// </summary>
internal sealed class V2ReferenceNames(PersonioV2Api v2, PersonioCredentials credentials)
{
    /// <summary>Within every list's limit: legal entities allow 1–100; workplaces and cost centers are undocumented.</summary>
    private const int PageSize = 100;

    private const string Department = "department";
    private const string Team = "team";

    private readonly Dictionary<(string Type, string Id), string?> _orgUnits = [];
    private IReadOnlyDictionary<string, string>? _legalEntities;
    private IReadOnlyDictionary<string, string>? _workplaces;
    private IReadOnlyDictionary<string, string>? _costCenters;
    private bool _orgUnitsRefused;

    /// <summary>The employees with every name Personio gives filled in; names already sent are kept.</summary>
    public async Task<IReadOnlyList<PersonioEmployee>> NameAsync(IReadOnlyList<PersonioEmployee> employees, CancellationToken ct)
    {
        if (_legalEntities is null && employees.Any(e => e.LegalEntity is not null))
        {
            _legalEntities = await OrNoneAsync(() => ReadListAsync("/v2/legal-entities", ct), new Dictionary<string, string>());
        }

        if (_workplaces is null && employees.Any(e => e.Office is not null))
        {
            _workplaces = await OrNoneAsync(() => ReadListAsync("/v2/workplaces", ct), new Dictionary<string, string>());
        }

        if (_costCenters is null && employees.Any(e => e.CostCenters.Count > 0))
        {
            _costCenters = await OrNoneAsync(() => ReadListAsync("/v2/cost-centers", ct), new Dictionary<string, string>());
        }

        var units = employees.SelectMany(e => new[] { (Type: Department, Unit: e.Department), (Type: Team, Unit: e.Team) })
            .Where(u => u.Unit is not null).Select(u => (u.Type, u.Unit!.Id)).Distinct();
        foreach (var unit in units)
        {
            // One refusal means the credential lacks the org-units right: asking about the other units would only be refused too.
            if (_orgUnitsRefused)
            {
                break;
            }

            if (!_orgUnits.ContainsKey(unit))
            {
                // A unit Personio cannot name now: the others would most likely fail alike, so this read asks no more.
                _orgUnits[unit] = await OrNoneAsync(() => ReadOrgUnitAsync(unit.Type, unit.Id, ct), null, () => _orgUnitsRefused = true);
            }
        }

        return [.. employees.Select(Named)];
    }

    private PersonioEmployee Named(PersonioEmployee employee) => employee with
    {
        LegalEntity = Named(employee.LegalEntity, _legalEntities),
        Office = Named(employee.Office, _workplaces),
        Department = Named(employee.Department, Department),
        Team = Named(employee.Team, Team),
        CostCenters = employee.CostCenters.Count == 0
            ? employee.CostCenters
            : [.. employee.CostCenters.Select(c => c.Name is null && _costCenters?.GetValueOrDefault(c.Id) is { } name ? c with { Name = name } : c)],
    };

    private static PersonioRef? Named(PersonioRef? reference, IReadOnlyDictionary<string, string>? names) =>
        reference is { Name: null } && names?.GetValueOrDefault(reference.Id) is { } name ? reference with { Name = name } : reference;

    private PersonioRef? Named(PersonioRef? reference, string type) =>
        reference is { Name: null } && _orgUnits.GetValueOrDefault((type, reference.Id)) is { } name ? reference with { Name = name } : reference;

    private static async Task<T> OrNoneAsync<T>(Func<Task<T>> read, T none, Action? failed = null)
    {
        try
        {
            return await read();
        }
        catch (PersonioException e) when (e.Failure != PersonioFailure.InvalidCredentials)
        {
            failed?.Invoke();
            return none;
        }
    }

    /// <summary>Every page of a reference list, as id → name; empty when Personio gives none.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ReadListAsync(string path, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var asked = new HashSet<string>(StringComparer.Ordinal);
        string? next = $"{path}?limit={PageSize}";

        // A next link back to a page already read ends the list here: a loop costs only the names behind it.
        for (var page = 0; next is not null && asked.Add(next); page++)
        {
            var (document, _) = await v2.GetReferenceAsync(credentials, next, ct);
            using (document)
            {
                if (document?.RootElement.Property("_data") is not { ValueKind: JsonValueKind.Array } items)
                {
                    break;
                }

                foreach (var item in items.EnumerateArray())
                {
                    if (item.Property("id").AsText() is { } id && item.Property("name").AsText() is { } name)
                    {
                        names[id] = name;
                    }
                }

                next = v2.NextLink(document.RootElement, page);
            }
        }

        return names;
    }

    private async Task<string?> ReadOrgUnitAsync(string type, string id, CancellationToken ct)
    {
        var (document, refused) = await v2.GetReferenceAsync(credentials, $"/v2/org-units/{Uri.EscapeDataString(id)}?type={type}", ct);
        using (document)
        {
            _orgUnitsRefused |= refused;
            return document?.RootElement.Property("name").AsText();
        }
    }
}
