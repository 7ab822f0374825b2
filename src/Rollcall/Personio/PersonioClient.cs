using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Rollcall.Personio;

/// <summary>
/// The only code in Rollcall that knows how Personio is read. Everything else sees <see cref="PersonioEmployee"/>,
/// <see cref="AttributeCatalog"/> and <see cref="PersonioException"/>.
/// </summary>
public sealed class PersonioClient(PersonioV1Api v1, PersonioV2Api v2, IOptions<PersonioOptions> options)
{
    /// <summary>Personio's maximum v1 page size: a full read costs one request per 100 employees.</summary>
    public const int V1PageSize = 100;

    /// <summary>Personio's maximum v2 page size.</summary>
    public const int V2PageSize = 50;

    /// <summary>
    /// Every employee, page by page (never the whole company in memory), each once. Throws
    /// <see cref="PersonioException"/> if the read fails or comes back incomplete, so a caller never mistakes a
    /// partial read for the full list. Supervisor, legal entity, office, org units and cost centers come only with
    /// <paramref name="includeOrganisation"/> (v2 always sends them with the employment).
    /// </summary>
    public IAsyncEnumerable<PersonioEmployee> ReadEmployeesAsync(
        PersonioCredentials credentials, IReadOnlyCollection<string> customKeys, CancellationToken ct, bool includeOrganisation = false) =>
        options.Value.FullReadPath == PersonioReadPath.V2
            ? ReadPersonsAsync(credentials, customKeys, ct)
            : ReadV1EmployeesAsync(credentials, customKeys, includeOrganisation, ct);

    /// <summary>One employee through v2 (a person and its latest employment), e.g. after a webhook; null if unknown.</summary>
    public async Task<PersonioEmployee?> GetEmployeeAsync(PersonioCredentials credentials, long id, IReadOnlyCollection<string> customKeys, CancellationToken ct)
    {
        using var person = await v2.GetAsync(credentials, $"/v2/persons/{id}", null, ct);
        return person is null ? null : await WithEmploymentAsync(credentials, person.RootElement, customKeys, ct);
    }

    public async Task<AttributeCatalog> GetAttributeCatalogAsync(PersonioCredentials credentials, CancellationToken ct)
    {
        using var document = await v1.GetAsync(credentials, "/v1/company/employees/attributes", null, ct)
            ?? throw new PersonioException(PersonioFailure.MalformedResponse, "Personio has no attribute list at /v1/company/employees/attributes.");
        return AttributeCatalog.Read(document.RootElement);
    }

    /// <summary>
    /// Authenticates, reads one employee and the attribute list: throws for wrong credentials or a missing right,
    /// and reports the required and mapped attributes the credential cannot read.
    /// </summary>
    public async Task<AccessCheck> CheckAccessAsync(PersonioCredentials credentials, IReadOnlyCollection<string> mappedKeys, CancellationToken ct)
    {
        using (await v1.GetAsync(credentials, "/v1/company/employees?limit=1&offset=0", null, ct))
        {
        }

        var catalog = await GetAttributeCatalogAsync(credentials, ct);
        return new AccessCheck(catalog, catalog.Unreadable(AttributeCatalog.RequiredKeys), catalog.Unreadable(mappedKeys));
    }

    private async IAsyncEnumerable<PersonioEmployee> ReadV1EmployeesAsync(
        PersonioCredentials credentials, IReadOnlyCollection<string> customKeys, bool includeOrganisation, [EnumeratorCancellation] CancellationToken ct)
    {
        var projection = Projection(includeOrganisation ? [.. V1EmployeeReader.OrganisationAttributes, .. customKeys] : customKeys);
        var seen = new HashSet<long>();
        long? total = null;
        for (var page = 0; ; page++)
        {
            var uri = string.Create(CultureInfo.InvariantCulture, $"/v1/company/employees?limit={V1PageSize}&offset={page * V1PageSize}{projection}");
            using var document = await v1.GetAsync(credentials, uri, page, ct)
                ?? throw new PersonioException(PersonioFailure.MalformedResponse, $"Personio has no employee list{PersonioHttp.OnPage(page)}.", page);
            var root = document.RootElement;
            if (root.Property("data") is not { ValueKind: JsonValueKind.Array } data)
            {
                throw new PersonioException(PersonioFailure.MalformedResponse, $"Personio's employee list has no data{PersonioHttp.OnPage(page)}.", page);
            }

            var metadata = root.Property("metadata");
            total = metadata.Property("total_elements").AsLong() ?? total;
            var count = 0;
            foreach (var element in data.EnumerateArray())
            {
                count++;
                var employee = V1EmployeeReader.Read(element, customKeys)
                    ?? throw new PersonioException(PersonioFailure.MalformedResponse, $"Personio sent an employee without an id{PersonioHttp.OnPage(page)}.", page);
                if (seen.Add(employee.Id))
                {
                    yield return employee;
                }
            }

            var totalPages = metadata.Property("total_pages").AsInt();
            var lastPage = totalPages is { } pages ? page >= pages - 1 : count < V1PageSize;
            if (count == 0 && total is null)
            {
                // Without a total, an empty page cannot tell "nobody (more)" from a page that went missing.
                throw new PersonioException(PersonioFailure.MalformedResponse,
                    $"Personio sent an empty employee page without a total{PersonioHttp.OnPage(page)}; the read cannot be trusted as complete.", page);
            }

            if (count == 0 || lastPage)
            {
                if (total is { } expected && seen.Count < expected)
                {
                    throw new PersonioException(PersonioFailure.MalformedResponse,
                        $"Personio listed {expected} employees but only {seen.Count} came back (the read stopped{PersonioHttp.OnPage(page)}).", page);
                }

                yield break;
            }
        }
    }

    private async IAsyncEnumerable<PersonioEmployee> ReadPersonsAsync(
        PersonioCredentials credentials, IReadOnlyCollection<string> customKeys, [EnumeratorCancellation] CancellationToken ct)
    {
        var seenIds = new HashSet<long>();
        var seenLinks = new HashSet<string>(StringComparer.Ordinal);
        string? next = $"/v2/persons?limit={V2PageSize}";
        for (var page = 0; next is not null; page++)
        {
            using var document = await v2.GetAsync(credentials, next, page, ct)
                ?? throw new PersonioException(PersonioFailure.MalformedResponse, $"Personio has no person list{PersonioHttp.OnPage(page)}.", page);
            if (document.RootElement.Property("_data") is not { ValueKind: JsonValueKind.Array } persons)
            {
                throw new PersonioException(PersonioFailure.MalformedResponse, $"Personio's person list has no _data{PersonioHttp.OnPage(page)}.", page);
            }

            foreach (var employee in await ReadPageAsync(credentials, persons, customKeys, page, ct))
            {
                if (seenIds.Add(employee.Id))
                {
                    yield return employee;
                }
            }

            var current = next;
            seenLinks.Add(current);
            next = v2.NextLink(document.RootElement, page);
            if (next is not null && seenLinks.Contains(next))
            {
                // Personio has been seen linking a last page to itself: that is the end. A loop back from a full
                // page could hide the rest of the list, so that read counts as incomplete.
                if (next == current && persons.GetArrayLength() < V2PageSize)
                {
                    yield break;
                }

                throw new PersonioException(PersonioFailure.MalformedResponse,
                    $"Personio's next-page link{PersonioHttp.OnPage(page)} leads back to a page already read; the read is incomplete.", page);
            }
        }
    }

    /// <summary>Each person needs its latest employment (one request each); a few run at once, order is kept.</summary>
    private async Task<PersonioEmployee[]> ReadPageAsync(PersonioCredentials credentials, JsonElement persons, IReadOnlyCollection<string> customKeys, int page, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(4);
        return await Task.WhenAll(persons.EnumerateArray().Select(async person =>
        {
            await gate.WaitAsync(ct);
            try
            {
                return await WithEmploymentAsync(credentials, person, customKeys, ct)
                    ?? throw new PersonioException(PersonioFailure.MalformedResponse, $"Personio sent a person without an id{PersonioHttp.OnPage(page)}.", page);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private async Task<PersonioEmployee?> WithEmploymentAsync(PersonioCredentials credentials, JsonElement person, IReadOnlyCollection<string> customKeys, CancellationToken ct)
    {
        if (person.Property("id").AsLong() is not { } id)
        {
            return null;
        }

        using var employments = await v2.GetAsync(credentials, $"/v2/persons/{id}/employments?limit=1", null, ct);
        if (employments?.RootElement.Property("_data") is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0)
        {
            // A person without a readable employment has no status: reading it as "inactive" would deactivate them.
            throw new PersonioException(PersonioFailure.MalformedResponse, $"Personio sent no employment for person {id}; the read is incomplete.");
        }

        return V2EmployeeReader.Read(person, list[0], customKeys);
    }

    /// <summary>Asks only for what Rollcall uses: less personal data on the wire, smaller pages.</summary>
    private static string Projection(IReadOnlyCollection<string> customKeys)
    {
        var query = new StringBuilder();
        foreach (var key in V1EmployeeReader.StandardAttributes.Concat(customKeys).Distinct())
        {
            query.Append("&attributes[]=").Append(Uri.EscapeDataString(key));
        }

        return query.ToString();
    }
}
