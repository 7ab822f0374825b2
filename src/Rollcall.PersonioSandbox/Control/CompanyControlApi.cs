using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Faults;
using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.RateLimits;
using Rollcall.PersonioSandbox.RequestCounts;
using Rollcall.PersonioSandbox.Seeding;
using Rollcall.PersonioSandbox.Webhooks;

namespace Rollcall.PersonioSandbox.Control;

internal static class CompanyControlApi
{
    public static RouteGroupBuilder MapCompanyControl(this RouteGroupBuilder control)
    {
        control.MapPost("/companies", Create).WithName("SandboxCreateCompany");
        control.MapGet("/companies", (SandboxState state) => state.Companies.Select(c => Summary(state, c)).ToList()).WithName("SandboxListCompanies");
        control.MapGet("/companies/{companyId}", (string companyId, SandboxState state) =>
            state.Company(companyId) is { } c ? Results.Ok(Summary(state, c)) : Results.Problem("Unknown company.", statusCode: 404))
            .WithName("SandboxGetCompany");
        control.MapPut("/companies/{companyId}/legal-entities-feature", (string companyId, LegalEntitiesFeatureSwitch body, SandboxState state) =>
            state.Company(companyId) is { } c
                ? Results.Ok(new LegalEntitiesFeatureSwitch(c.ChangeReference(r => r with { LegalEntitiesFeature = body.Enabled }).LegalEntitiesFeature))
                : Results.Problem("Unknown company.", statusCode: 404))
            .WithName("SandboxSwitchLegalEntitiesFeature");
        control.MapPost("/reset", Reset).WithName("SandboxReset");
        return control;
    }

    private static IResult Create(CreateCompanyRequest body, CompanyFactory factory)
    {
        if (body.Size is < 0 or > 1_000_000)
        {
            return Results.Problem("size must be between 0 and 1,000,000.", statusCode: 400);
        }

        if (body.LegalEntities is < 1 || body.LegalEntities > ReferenceDataSeeder.MaxLegalEntities)
        {
            return Results.Problem($"legal_entities must be between 1 and {ReferenceDataSeeder.MaxLegalEntities}.", statusCode: 400);
        }

        var (company, credential) = factory.Create(body.Name ?? "Sandbox Company", body.Seed ?? 1, body.Size ?? 200, body.LegalEntitiesFeature ?? true, body.LegalEntities);
        return Results.Created($"/_sandbox/companies/{company.Id}", new CompanyCreated(company.Id, credential.ClientId, credential.Secret, company.People.Length));
    }

    /// <summary>Drops every company, credential, token, webhook, fault (and the fault log), rate-limit counter and request count.</summary>
    private static IResult Reset(
        SandboxState state, TokenStore tokens, WebhookStore webhooks, FaultInjector faults, FaultLog log, RateLimiter limiter, RequestCounter requests)
    {
        state.Clear();
        tokens.Clear();
        webhooks.Clear();
        faults.Clear();
        log.Clear();
        limiter.Reset();
        requests.Clear();
        return Results.NoContent();
    }

    private static CompanySummary Summary(SandboxState state, Company c) =>
        new(c.Id, c.Name, c.People.Length,
            state.CredentialsOf(c.Id).Select(x => x.ClientId).ToList(),
            c.CustomAttributes.Select(a => a.Key).ToList(),
            c.Reference.LegalEntities.Select(l => l.Id).ToList(), c.Reference.LegalEntitiesFeature);
}
