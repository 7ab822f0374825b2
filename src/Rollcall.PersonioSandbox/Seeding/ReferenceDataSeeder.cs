using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Seeding;

/// <summary>Legal entities, offices, departments, teams and cost centers of a seeded company.</summary>
internal static class ReferenceDataSeeder
{
    /// <summary>How many legal entities a seeded company can have (DE, AT, SE, FR).</summary>
    public static int MaxLegalEntities => NameLists.LegalEntities.Length;

    /// <summary>The company's reference data with the first <c>legalEntityCount</c> (1 to <see cref="MaxLegalEntities"/>) of DE, AT, SE, FR, each with its offices.</summary>
    public static CompanyReferenceData Create(string companyId, string name, DateTimeOffset now, int legalEntityCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(legalEntityCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(legalEntityCount, MaxLegalEntities);
        var legalEntities = new List<LegalEntity>();
        var offices = new List<Office>();
        for (var i = 0; i < legalEntityCount; i++)
        {
            var (suffix, country, entityOffices) = NameLists.LegalEntities[i];
            var entity = new LegalEntity(7701 + i, $"{name} {suffix}", country, now.AddYears(-12 + i));
            legalEntities.Add(entity);
            foreach (var (office, _) in entityOffices)
            {
                offices.Add(new Office(1301 + offices.Count, office, entity.Id));
            }
        }

        var departments = new List<Department>();
        var teams = new List<Team>();
        var costCenters = new List<CostCenter>();
        for (var i = 0; i < NameLists.Departments.Length; i++)
        {
            var (department, abbreviation, teamNames, _) = NameLists.Departments[i];
            departments.Add(new Department(2801 + i, department, abbreviation));
            costCenters.Add(new CostCenter(8201 + i, $"CC-{(i + 1) * 100} {department}"));
            foreach (var team in teamNames)
            {
                teams.Add(new Team(501 + teams.Count, team, 2801 + i));
            }
        }

        return new CompanyReferenceData
        {
            Id = companyId,
            Name = name,
            EmailDomain = Slug(name) + ".example",
            FirstEmployeeId = 40001,
            LegalEntities = legalEntities,
            Offices = offices,
            Departments = departments,
            Teams = teams,
            CostCenters = costCenters,
            CustomAttributes = CustomAttributeCatalog.Create(),
        };
    }

    private static string Slug(string name)
    {
        var local = EmailAddresses.LocalPart(name, string.Empty).TrimEnd('.');
        var slug = new string(local.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return slug.Length == 0 ? "company" : slug;
    }
}
