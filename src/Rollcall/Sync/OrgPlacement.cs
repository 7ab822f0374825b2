using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>
/// Where a person sits, as a run wants it on their user: legal entity, office, department, team, cost centers and the
/// supervisor's Personio id. The manager link itself is resolved after the run's users exist
/// (<see cref="SyncApplier.LinkManagersAsync"/>).
/// </summary>
internal sealed record OrgPlacement(
    string? LegalEntityId, string? LegalEntityName,
    string? OfficeId, string? OfficeName,
    string? DepartmentId, string? DepartmentName,
    string? TeamId, string? TeamName,
    IReadOnlyList<CostCenterShare> CostCenters,
    long? SupervisorEmployeeId)
{
    public static readonly OrgPlacement None = new(null, null, null, null, null, null, null, null, [], null);

    /// <summary>The fields of <see cref="Diff"/> that name units (legal entity, office, department, team, cost centers).</summary>
    public static readonly IReadOnlySet<string> UnitFields = new HashSet<string>(["legalEntity", "office", "department", "team", "costCenters"], StringComparer.Ordinal);

    /// <summary>The same units, cost center weights and supervisor; names may differ.</summary>
    public bool SameUnits(OrgPlacement other) =>
        (LegalEntityId, OfficeId, DepartmentId, TeamId, SupervisorEmployeeId) == (other.LegalEntityId, other.OfficeId, other.DepartmentId, other.TeamId, other.SupervisorEmployeeId)
        && CostCenters.Select(c => (c.Id, c.Weight)).SequenceEqual(other.CostCenters.Select(c => (c.Id, c.Weight)));

    public static OrgPlacement Of(DirectoryUser user) => new(
        user.LegalEntityId, user.LegalEntityName, user.OfficeId, user.OfficeName, user.DepartmentId, user.DepartmentName,
        user.TeamId, user.TeamName, user.CostCenters, user.SupervisorEmployeeId);

    /// <summary>
    /// What Personio says, except for attributes the credential cannot read (<paramref name="unreadable"/>, v1 keys):
    /// those keep the user's values (none for a new user), so a narrowed whitelist blanks nothing.
    /// </summary>
    public static OrgPlacement From(PersonioEmployee employee, DirectoryUser? user, IReadOnlySet<string> unreadable)
    {
        var kept = user is null ? None : Of(user);
        bool Reads(string key) => !unreadable.Contains(key);
        return new OrgPlacement(
            Reads(PersonioOrganisation.LegalEntity) ? Cut(employee.LegalEntity?.Id, 64) : kept.LegalEntityId,
            Reads(PersonioOrganisation.LegalEntity) ? Name(employee.LegalEntity, kept.LegalEntityId, kept.LegalEntityName) : kept.LegalEntityName,
            Reads(PersonioOrganisation.Office) ? Cut(employee.Office?.Id, 64) : kept.OfficeId,
            Reads(PersonioOrganisation.Office) ? Name(employee.Office, kept.OfficeId, kept.OfficeName) : kept.OfficeName,
            Reads(PersonioOrganisation.Department) ? Cut(employee.Department?.Id, 64) : kept.DepartmentId,
            Reads(PersonioOrganisation.Department) ? Name(employee.Department, kept.DepartmentId, kept.DepartmentName) : kept.DepartmentName,
            Reads(PersonioOrganisation.Team) ? Cut(employee.Team?.Id, 64) : kept.TeamId,
            Reads(PersonioOrganisation.Team) ? Name(employee.Team, kept.TeamId, kept.TeamName) : kept.TeamName,
            Reads(PersonioOrganisation.CostCenters)
                ? employee.CostCenters.Count == 0 ? [] : CostCenterShare.Ordered(employee.CostCenters.DistinctBy(c => c.Id).Select(c => new CostCenterShare(Cut(c.Id, 64)!,
                    Cut(c.Name, 200) ?? kept.CostCenters.FirstOrDefault(k => k.Id == c.Id)?.Name, c.Weight)))
                : kept.CostCenters,
            Reads(PersonioOrganisation.Supervisor) ? employee.SupervisorId : kept.SupervisorEmployeeId);
    }

    public void WriteTo(DirectoryUser user)
    {
        (user.LegalEntityId, user.LegalEntityName) = (LegalEntityId, LegalEntityName);
        (user.OfficeId, user.OfficeName) = (OfficeId, OfficeName);
        (user.DepartmentId, user.DepartmentName) = (DepartmentId, DepartmentName);
        (user.TeamId, user.TeamName) = (TeamId, TeamName);
        if (!user.CostCenters.SequenceEqual(CostCenters))
        {
            user.CostCenters = [.. CostCenters];
        }

        user.PrimaryCostCenterId = CostCenters.Count > 0 ? CostCenters[0].Id : null;
        user.SupervisorEmployeeId = SupervisorEmployeeId;
    }

    /// <summary>Field by field, as the audit trail writes them ("Name (id)"); texts are made only for fields whose values differ.</summary>
    public IEnumerable<FieldChange> Diff(OrgPlacement? before)
    {
        before ??= None;
        var changes = new List<FieldChange>();
        void Unit(string field, string? idBefore, string? nameBefore, string? id, string? name)
        {
            if (!string.Equals(idBefore, id, StringComparison.Ordinal) || !string.Equals(nameBefore, name, StringComparison.Ordinal))
            {
                Add(field, OrgText.Unit(idBefore, nameBefore), OrgText.Unit(id, name));
            }
        }

        void Add(string field, string? textBefore, string? text)
        {
            if (!string.Equals(textBefore, text, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, textBefore, text));
            }
        }

        Unit("legalEntity", before.LegalEntityId, before.LegalEntityName, LegalEntityId, LegalEntityName);
        Unit("office", before.OfficeId, before.OfficeName, OfficeId, OfficeName);
        Unit("department", before.DepartmentId, before.DepartmentName, DepartmentId, DepartmentName);
        Unit("team", before.TeamId, before.TeamName, TeamId, TeamName);
        if (!before.CostCenters.SequenceEqual(CostCenters))
        {
            Add("costCenters", OrgText.CostCenters([.. before.CostCenters]), OrgText.CostCenters([.. CostCenters]));
        }

        if (before.SupervisorEmployeeId != SupervisorEmployeeId)
        {
            Add("supervisorEmployeeId", Id(before.SupervisorEmployeeId), Id(SupervisorEmployeeId));
        }

        return changes;
    }

    private static string? Id(long? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Personio's name for the unit; when it sent none (a v2 read by id brings ids only, or a reference list was not
    /// readable) the name already known for the same id stays, so names do not flap between runs.
    /// </summary>
    private static string? Name(PersonioRef? unit, string? keptId, string? keptName) =>
        Cut(unit?.Name, 200) ?? (unit is not null && unit.Id == keptId ? keptName : null);

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
