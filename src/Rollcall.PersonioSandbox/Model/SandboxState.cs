using System.Collections.Concurrent;

namespace Rollcall.PersonioSandbox.Model;

/// <summary>All sandbox data. Registered as a singleton: the sandbox is in-memory by design.</summary>
internal sealed class SandboxState
{
    private readonly ConcurrentDictionary<string, Company> _companies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Credential> _credentials = new(StringComparer.Ordinal);
    private int _nextCompanyId = 100000;

    public IEnumerable<Company> Companies => _companies.Values.OrderBy(c => c.Id, StringComparer.Ordinal);

    public string NewCompanyId() => Interlocked.Increment(ref _nextCompanyId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void AddCompany(Company company) => _companies[company.Id] = company;

    public Company? Company(string id) => _companies.GetValueOrDefault(id);

    public Credential? Credential(string clientId) => _credentials.GetValueOrDefault(clientId);

    public IEnumerable<Credential> CredentialsOf(string companyId) =>
        _credentials.Values.Where(c => c.CompanyId == companyId).OrderBy(c => c.ClientId, StringComparer.Ordinal);

    public void SaveCredential(Credential credential) => _credentials[credential.ClientId] = credential;

    public bool RemoveCredential(string clientId) => _credentials.TryRemove(clientId, out _);

    public void Clear()
    {
        _companies.Clear();
        _credentials.Clear();
    }
}
