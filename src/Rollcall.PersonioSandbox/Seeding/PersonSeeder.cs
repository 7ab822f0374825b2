using System.Collections.Immutable;
using System.Globalization;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Seeding;

/// <summary>One generated employee. The mix: ~80% active, 5% onboarding, 5% on leave, 10% inactive; ~10% external.</summary>
internal static class PersonSeeder
{
    private static readonly decimal[] WeeklyHours = [40m, 40m, 40m, 40m, 40m, 40m, 40m, 38.5m, 38.5m, 32m, 30m, 20m];

    public static Person Create(
        int id, int index, Random random, CompanyReferenceData reference, ImmutableArray<CostCenterShare>[] wholeCostCenters,
        HashSet<string> emails, int? supervisorId, DateOnly today, DateTimeOffset now)
    {
        var gender = random.Next(100) switch { < 48 => Gender.Female, < 96 => Gender.Male, _ => Gender.Diverse };
        var firstNames = gender == Gender.Female || (gender == Gender.Diverse && random.Next(2) == 0) ? NameLists.FemaleFirst : NameLists.MaleFirst;
        var firstName = Pick(random, firstNames);
        var lastName = Pick(random, NameLists.LastNames);
        if (random.Next(100) < 6)
        {
            lastName += "-" + Pick(random, NameLists.LastNames);
        }

        var entity = reference.LegalEntities[random.Next(100) switch { < 70 => 0, < 80 => 1, < 90 => 2, _ => 3 } % reference.LegalEntities.Count];
        var offices = reference.Offices.Where(o => o.LegalEntityId == entity.Id).ToArray();
        var departmentIndex = random.Next(reference.Departments.Count);
        var department = reference.Departments[departmentIndex];
        var teams = reference.Teams.Where(t => t.DepartmentId == department.Id).ToArray();
        var positions = NameLists.Departments[departmentIndex % NameLists.Departments.Length].Positions;

        var roll = random.Next(100);
        var hireDate = roll < 5
            ? today.AddDays(1 + random.Next(60))
            : today.AddDays(-random.Next(12 * 365));
        hireDate = new DateOnly(hireDate.Year, hireDate.Month, hireDate.Day < 15 ? 1 : 15);
        var createdAt = roll < 5
            ? now.AddDays(-1 - random.Next(30)).AddMinutes(-random.Next(600))
            : new DateTimeOffset(hireDate.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddDays(-14 - random.Next(60)).AddMinutes(random.Next(480));
        var updatedAt = createdAt + ((now - createdAt) * random.NextDouble());
        Termination? termination = null;
        if (roll >= 90)
        {
            var span = Math.Max(1, today.DayNumber - hireDate.DayNumber - 1);
            var end = hireDate.AddDays(random.Next(span));
            end = new DateOnly(end.Year, end.Month, 1).AddMonths(1).AddDays(-1);
            if (end >= today)
            {
                end = today.AddDays(-1);
            }

            termination = new Termination(end, end, end.AddDays(-30), random.Next(2) == 0 ? "EMPLOYEE" : "AGREEMENT", null);
        }

        var external = random.Next(100) < 10;
        var employment = new Employment
        {
            Id = NewGuid(random),
            StoredStatus = roll is >= 85 and < 90 ? StoredStatus.Leave : StoredStatus.Active,
            Type = external ? EmploymentType.External : EmploymentType.Internal,
            Position = Pick(random, positions),
            StartDate = hireDate,
            ContractEndDate = external ? hireDate.AddYears(1 + random.Next(3)) : null,
            ProbationEndDate = external ? null : hireDate.AddMonths(6).AddDays(-1),
            Termination = termination,
            WeeklyHours = WeeklyHours[random.Next(WeeklyHours.Length)],
            SupervisorId = supervisorId,
            OfficeId = offices[random.Next(offices.Length)].Id,
            LegalEntityId = entity.Id,
            DepartmentId = department.Id,
            TeamId = teams[random.Next(teams.Length)].Id,
            CostCenters = wholeCostCenters[departmentIndex % wholeCostCenters.Length],
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
        };

        return new Person
        {
            Id = id,
            FirstName = firstName,
            LastName = lastName,
            PreferredName = firstName.Split('-')[0] + " " + lastName,
            Email = UniqueEmail(firstName, lastName, reference.EmailDomain, emails),
            Gender = gender,
            CreatedAt = createdAt,
            UpdatedAt = createdAt + ((updatedAt - createdAt) * random.NextDouble()),
            CustomValues = CustomValues(index, random),
            BaselineChangedAt = updatedAt,
            Employments = [employment],
        };
    }

    internal static string UniqueEmail(string firstName, string lastName, string domain, HashSet<string> taken)
    {
        var local = EmailAddresses.LocalPart(firstName, lastName);
        var email = $"{local}@{domain}";
        for (var n = 2; !taken.Add(email); n++)
        {
            email = $"{local}{n.ToString(CultureInfo.InvariantCulture)}@{domain}";
        }

        return email;
    }

    private static string?[] CustomValues(int index, Random random)
    {
        var bankCode = (10000000 + random.Next(80000000)).ToString(CultureInfo.InvariantCulture);
        var account = random.NextInt64(1_000_000_000L, 9_999_999_999L).ToString(CultureInfo.InvariantCulture);
        var languages = NameLists.Languages.Where(_ => random.Next(3) == 0).DefaultIfEmpty("German");
        return
        [
            Iban.German(bankCode, account),
            (100000 + index).ToString(CultureInfo.InvariantCulture),
            random.Next(100) < 60 ? (70000 + index).ToString(CultureInfo.InvariantCulture) : null,
            random.Next(100) < 30 ? "Yes" : "No",
            string.Join(',', languages),
            Dates.Iso(new DateOnly(1960, 1, 1).AddDays(random.Next(43 * 365))),
            random.Next(100) < 20 ? (500 * (1 + random.Next(10))).ToString(CultureInfo.InvariantCulture) : null,
        ];
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        // Version 4 / RFC variant bits, so the ids look like the UUIDs Personio returns.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
