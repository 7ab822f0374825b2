namespace Rollcall.PersonioSandbox.Model;

/// <summary>The parts of a company that employees refer to. Replaced whole (see <see cref="Company.ChangeReference"/>), never mutated.</summary>
internal sealed record CompanyReferenceData
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string EmailDomain { get; init; }
    public required int FirstEmployeeId { get; init; }
    public required IReadOnlyList<LegalEntity> LegalEntities { get; init; }
    public required IReadOnlyList<Office> Offices { get; init; }
    public required IReadOnlyList<Department> Departments { get; init; }
    public required IReadOnlyList<Team> Teams { get; init; }
    public required IReadOnlyList<CostCenter> CostCenters { get; init; }
    public required IReadOnlyList<CustomAttribute> CustomAttributes { get; init; }

    /// <summary>Whether the account booked the legal-entities feature; v2 answers 412 otherwise.</summary>
    public bool LegalEntitiesFeature { get; init; } = true;

    public LegalEntity? LegalEntity(int? id) => id is null ? null : LegalEntities.FirstOrDefault(x => x.Id == id);
    public Office? Office(int? id) => id is null ? null : Offices.FirstOrDefault(x => x.Id == id);
    public Department? Department(int? id) => id is null ? null : Departments.FirstOrDefault(x => x.Id == id);
    public Team? Team(int? id) => id is null ? null : Teams.FirstOrDefault(x => x.Id == id);
    public CostCenter? CostCenter(int id) => CostCenters.FirstOrDefault(x => x.Id == id);

    public int CustomAttributeIndex(string key)
    {
        for (var i = 0; i < CustomAttributes.Count; i++)
        {
            if (CustomAttributes[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }
}
