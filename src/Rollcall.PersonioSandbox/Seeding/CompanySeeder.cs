using System.Collections.Immutable;
using System.Globalization;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Seeding;

/// <summary>
/// Deterministic generator: the same seed, size and day give the same company. Hand-rolled over name
/// lists with <see cref="Random"/> because 100,000 employees must seed in well under a few seconds.
/// </summary>
internal static class CompanySeeder
{
    public static Company Create(string companyId, string name, int seed, int size, DateTimeOffset now, int legalEntityCount)
    {
        var reference = ReferenceDataSeeder.Create(companyId, name, now, legalEntityCount);
        // One shared array per cost center: seeded employments book 100% to their department's cost center.
        var wholeCostCenters = reference.CostCenters.Select(c => ImmutableArray.Create(new CostCenterShare(c.Id, 100m))).ToArray();
        var random = new Random(seed);
        var people = ImmutableArray.CreateBuilder<Person>(size);
        var emails = new HashSet<string>(size, StringComparer.Ordinal);
        var today = Dates.Today(now);
        var id = reference.FirstEmployeeId;
        for (var i = 0; i < size; i++)
        {
            int? supervisor = i == 0 ? null : people[random.Next(Math.Max(1, (i / 6) + 1))].Id;
            people.Add(PersonSeeder.Create(id, i, random, reference, wholeCostCenters, emails, supervisor, today, now));
            // Gaps in the id sequence, as left behind by deleted profiles in a real account.
            id += random.Next(10) == 0 ? 2 : 1;
        }

        return new Company(reference, people.MoveToImmutable());
    }

    /// <summary>A credential with every right; when seeded, its id and secret follow from the seed.</summary>
    public static Credential FullAccessCredential(string companyId, Random? random = null)
    {
        return new Credential
        {
            ClientId = "papi-" + NewGuid(random).ToString(),
            Secret = "papi-" + NewGuid(random).ToString("N") + NewGuid(random).ToString("N")[..8],
            CompanyId = companyId,
            Scopes = Scopes.All,
        };
    }

    private static Guid NewGuid(Random? random)
    {
        if (random is null)
        {
            return Guid.NewGuid();
        }

        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
