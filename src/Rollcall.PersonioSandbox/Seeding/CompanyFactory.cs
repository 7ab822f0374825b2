using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Seeding;

/// <summary>Creates seeded companies with a full-access credential and registers them in the state.</summary>
internal sealed class CompanyFactory(SandboxState state, TimeProvider time)
{
    public (Company Company, Credential Credential) Create(string name, int seed, int size, bool legalEntitiesFeature = true, int? legalEntities = null)
    {
        var company = CompanySeeder.Create(state.NewCompanyId(), name, seed, size, time.GetUtcNow(), legalEntities ?? ReferenceDataSeeder.MaxLegalEntities);
        if (!legalEntitiesFeature)
        {
            company = new Company(company.Reference with { LegalEntitiesFeature = false }, company.People);
        }

        // The credential follows from the seed too, so a demo configuration survives restarts.
        var credential = CompanySeeder.FullAccessCredential(company.Id, new Random(unchecked(seed * 7919) ^ 0x5A17));
        state.AddCompany(company);
        state.SaveCredential(credential);
        return (company, credential);
    }
}
