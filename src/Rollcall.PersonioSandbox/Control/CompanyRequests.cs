namespace Rollcall.PersonioSandbox.Control;

/// <summary>Creates a company seeded with generated employees, plus one full-access credential.</summary>
/// <param name="Name">Company name; also the base of the e-mail domain. Default "Sandbox Company".</param>
/// <param name="Seed">Random seed; the same seed and size give the same employees on the same day. Default 1.</param>
/// <param name="Size">Number of employees, 0 to 1,000,000. Default 200.</param>
/// <param name="LegalEntitiesFeature">False makes the v2 legal-entity endpoints answer 412, as for accounts without the feature.</param>
/// <param name="LegalEntities">How many legal entities, 1 to 4: the first of DE, AT, SE, FR, each with its offices. Default 4; 2 gives a typical multi-entity company.</param>
public sealed record CreateCompanyRequest(string? Name = null, int? Seed = null, int? Size = null, bool? LegalEntitiesFeature = null, int? LegalEntities = null);

/// <summary>Books (true) or cancels (false) the legal-entities feature; without it the v2 legal-entity endpoints answer 412.</summary>
public sealed record LegalEntitiesFeatureSwitch(bool Enabled);

/// <summary>A created company and its first credential. The secret is shown only here, as in Personio.</summary>
/// <param name="CompanyId">Id used in the other control routes.</param>
/// <param name="ClientId">The credential's <c>papi-</c> client id.</param>
/// <param name="ClientSecret">The credential's secret.</param>
/// <param name="Employees">How many employees were seeded.</param>
public sealed record CompanyCreated(string CompanyId, string ClientId, string ClientSecret, int Employees);

/// <summary>Summary of a company.</summary>
public sealed record CompanySummary(
    string CompanyId, string Name, int Employees, IReadOnlyList<string> ClientIds, IReadOnlyList<string> CustomAttributeKeys,
    IReadOnlyList<int> LegalEntityIds, bool LegalEntitiesFeature);

/// <summary>Creates an additional credential; existing credentials keep working, as in Personio.</summary>
/// <param name="ReadableAttributes">The "Readable employee attributes" whitelist (v1 keys such as <c>email</c> or <c>dynamic_30101</c>). Null: all attributes.</param>
/// <param name="LegalEntityIds">Restricts the visible employees to these legal entities. Null: all.</param>
/// <param name="Scopes">Module rights as v2 scopes (e.g. <c>personio:persons:read</c>). Null: all.</param>
public sealed record CreateCredentialRequest(IReadOnlyList<string>? ReadableAttributes = null, IReadOnlyList<int>? LegalEntityIds = null, IReadOnlyList<string>? Scopes = null);

/// <summary>A credential as the control API shows it. <paramref name="ClientSecret"/> is only set when it was just created or regenerated.</summary>
public sealed record CredentialView(string ClientId, string CompanyId, bool Enabled, IReadOnlyList<string>? ReadableAttributes, IReadOnlyList<int>? LegalEntityIds, IReadOnlyList<string> Scopes, string? ClientSecret = null);
