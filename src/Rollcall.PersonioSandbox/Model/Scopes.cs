using System.Collections.Frozen;

namespace Rollcall.PersonioSandbox.Model;

internal static class Scopes
{
    public const string PersonsRead = "personio:persons:read";
    public const string PersonsWrite = "personio:persons:write";
    public const string WebhooksRead = "personio:webhooks:read";
    public const string WebhooksWrite = "personio:webhooks:write";
    public const string OrgUnitsRead = "personio:org-units:read";
    public const string LegalEntitiesRead = "personio:legal-entities:read";

    // Workplaces and cost centers are module rights of their own in Personio; the scope names are not documented.
    public const string WorkplacesRead = "personio:workplaces:read";
    public const string CostCentersRead = "personio:cost-centers:read";

    public static readonly FrozenSet<string> All =
        new[] { PersonsRead, PersonsWrite, WebhooksRead, WebhooksWrite, OrgUnitsRead, LegalEntitiesRead, WorkplacesRead, CostCentersRead }.ToFrozenSet();

    /// <summary>The legacy v1 scope string a <c>/v1/auth</c> token reports.</summary>
    public static string V1ScopeString(Credential credential) =>
        credential.Scopes.Contains(PersonsRead) ? "employees:read" : string.Empty;
}
