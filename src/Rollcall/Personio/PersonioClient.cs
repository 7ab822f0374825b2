using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Rollcall.Data;

namespace Rollcall.Personio;

/// <summary>
/// The only code in Rollcall that knows how Personio is read. Everything else sees <see cref="PersonioEmployee"/>,
/// <see cref="AttributeCatalog"/> and <see cref="PersonioException"/>.
/// </summary>
public sealed partial class PersonioClient(PersonioV1Api v1, PersonioV2Api v2, IOptions<PersonioOptions> options)
{
    /// <summary>Personio's maximum v1 page size: a full read costs one request per 100 employees.</summary>
    public const int V1PageSize = 100;

    /// <summary>Personio's maximum v2 page size.</summary>
    public const int V2PageSize = 50;

    /// <summary>
    /// Every employee, each once, or a <see cref="PersonioException"/>: a caller never mistakes a partial read for the
    /// full list. A read that sees the list move under it (totals that change, an id twice, a short or empty page
    /// before the end) reads again, up to <see cref="PersonioOptions.FullReadPasses"/> times; if no pass comes back
    /// consistent, the last one stands, completed by a targeted read of everyone an earlier pass saw and it missed.
    /// Supervisor, legal entity, office, org units and cost centers with their names come only with
    /// <paramref name="includeOrganisation"/>: v1 asks for them in the same list requests; v2 always sends their ids
    /// with the employment, and the names then cost a few reference reads per call, however many employees there are
    /// (<see cref="V2ReferenceNames"/>). <paramref name="progress"/> hears after each page the records and pages received so far,
    /// every pass included, and the pages the read is expected to take (<see cref="ReadProgress"/>).
    /// </summary>
    public async Task<EmployeeList> ReadEmployeesAsync(PersonioCredentials credentials, IReadOnlyCollection<string> customKeys, CancellationToken ct,
        bool includeOrganisation = false, Func<ReadProgress, CancellationToken, ValueTask>? progress = null)
    {
        var list = await ReadListAsync(credentials, customKeys, includeOrganisation, progress, ct);
        if (!includeOrganisation || options.Value.FullReadPath != PersonioReadPath.V2)
        {
            return list;
        }

        // Named once the list stands, so the employees a reconciliation added are named from the same reads.
        return list with { Employees = await new V2ReferenceNames(v2, credentials).NameAsync(list.Employees, ct) };
    }

    private async Task<EmployeeList> ReadListAsync(PersonioCredentials credentials, IReadOnlyCollection<string> customKeys, bool includeOrganisation,
        Func<ReadProgress, CancellationToken, ValueTask>? progress, CancellationToken ct)
    {
        var latest = new Dictionary<long, PersonioEmployee>();
        var disturbances = new List<ReadDisturbance>();
        var passes = options.Value.FullReadPasses;
        var received = 0; // across passes: a caller renewing a lease every so many records keeps renewing on a second pass
        var pages = 0;
        var pagesBeforePass = 0;
        ReadPass pass = null!;
        Func<int, CancellationToken, ValueTask> pageRead = (records, c) =>
        {
            received += records;
            pages++;
            // A pass's pages as its first page announced them (v1), after the pages of the passes before it.
            var total = pass.PagesAnnounced is { } announced ? pagesBeforePass + Math.Max(announced, pages - pagesBeforePass) : (int?)null;
            return progress?.Invoke(new ReadProgress(received, pages, total), c) ?? ValueTask.CompletedTask;
        };
        for (var n = 1; n <= passes; n++)
        {
            pagesBeforePass = pages;
            pass = new ReadPass(latest, pageRead);
            if (options.Value.FullReadPath == PersonioReadPath.V2)
            {
                await V2ListPass.ReadAsync(v2, this, credentials, customKeys, pass, ct);
            }
            else
            {
                await V1ListPass.ReadAsync(v1, credentials, customKeys, includeOrganisation ? [.. PersonioOrganisation.Attributes, .. customKeys] : customKeys, pass, ct);
            }

            disturbances.AddRange(pass.Disturbances.Except(disturbances).ToList());
            if (pass.Clean)
            {
                return new EmployeeList([.. pass.Ids.Select(id => latest[id])], n, disturbances, Consistent: true, Rechecked: 0);
            }
        }

        if (!pass.WalkedToTheEnd)
        {
            throw new PersonioException(PersonioFailure.MalformedResponse, pass.ReportedTotal is { } total
                ? new Reason("personio.inconsistent_total", passes, Describe(disturbances), pass.Count, total)
                : new Reason("personio.inconsistent", passes, Describe(disturbances), pass.Count));
        }

        return await ReconcileAsync(credentials, customKeys, latest, pass, disturbances, ct);
    }

    /// <summary>Disturbances as stable snake_case codes, for messages and run warnings.</summary>
    public static string Describe(IEnumerable<ReadDisturbance> disturbances) =>
        string.Join(", ", disturbances.Select(d => JsonNamingPolicy.SnakeCaseLower.ConvertName(d.ToString())));

    /// <summary>
    /// No pass was consistent: the last one stands, and whoever an earlier pass saw and it missed (records slid
    /// past its read position) is asked for by id. Found: in the list, as Personio says now; 404: deleted meanwhile;
    /// no answer: left out (a user of theirs is then confirmed, or kept, by the sync). Too many to ask for is a read
    /// too unstable to use.
    /// </summary>
    private async Task<EmployeeList> ReconcileAsync(PersonioCredentials credentials, IReadOnlyCollection<string> customKeys,
        Dictionary<long, PersonioEmployee> latest, ReadPass last, List<ReadDisturbance> disturbances, CancellationToken ct)
    {
        var missed = latest.Keys.Where(id => !last.Contains(id)).Order().ToList();
        if (missed.Count > options.Value.MaxRecheckReads)
        {
            throw new PersonioException(PersonioFailure.MalformedResponse, new Reason("personio.kept_changing", options.Value.FullReadPasses, missed.Count));
        }

        var employees = last.Ids.Select(id => latest[id]).ToList();
        foreach (var id in missed)
        {
            if (await LookUpEmployeeAsync(credentials, id, customKeys, ct) is { Outcome: LookupOutcome.Found, Employee: { } found })
            {
                employees.Add(found);
            }
        }

        return new EmployeeList(employees, options.Value.FullReadPasses, disturbances, Consistent: false, Rechecked: missed.Count);
    }

    /// <summary>
    /// Asks Personio about one employee by id (v1 <c>/company/employees/{id}</c>, or a v2 person with its latest
    /// employment, by the read path). Only Personio's own 404 counts as not found; any other failure is
    /// <see cref="LookupOutcome.Unanswered"/>, except rejected credentials, which throw like everywhere else.
    /// </summary>
    public async Task<EmployeeLookup> LookUpEmployeeAsync(PersonioCredentials credentials, long id, IReadOnlyCollection<string> customKeys, CancellationToken ct)
    {
        return await LookUpAsync(id, options.Value.FullReadPath == PersonioReadPath.V2
            ? c => GetEmployeeAsync(credentials, id, customKeys, c)
            : c => GetV1EmployeeAsync(credentials, id, customKeys, c), ct);
    }

    /// <summary>
    /// <see cref="LookUpEmployeeAsync"/> through v2 whatever the read path (a person and its latest employment: two
    /// requests), as webhook and delta runs read: Personio's events and <c>updated_at</c> filters are v2's.
    /// </summary>
    public Task<EmployeeLookup> LookUpPersonAsync(PersonioCredentials credentials, long id, IReadOnlyCollection<string> customKeys, CancellationToken ct) =>
        LookUpAsync(id, c => GetEmployeeAsync(credentials, id, customKeys, c), ct);

    private static async Task<EmployeeLookup> LookUpAsync(long id, Func<CancellationToken, Task<PersonioEmployee?>> read, CancellationToken ct)
    {
        try
        {
            var employee = await read(ct);
            return employee switch
            {
                null => new EmployeeLookup(LookupOutcome.NotFound),
                { Id: var answered } when answered != id => new EmployeeLookup(LookupOutcome.Unanswered),
                _ => new EmployeeLookup(LookupOutcome.Found, employee),
            };
        }
        catch (PersonioException e) when (e.Failure != PersonioFailure.InvalidCredentials)
        {
            return new EmployeeLookup(LookupOutcome.Unanswered);
        }
    }

    private async Task<PersonioEmployee?> GetV1EmployeeAsync(PersonioCredentials credentials, long id, IReadOnlyCollection<string> customKeys, CancellationToken ct)
    {
        using var document = await v1.GetAsync(credentials, string.Create(CultureInfo.InvariantCulture, $"/v1/company/employees/{id}"), null, ct);
        if (document is null)
        {
            return null;
        }

        // An answer without a readable employee is no answer; one naming another id is judged by the caller.
        return (document.RootElement.Property("data") is { } data ? V1EmployeeReader.Read(data, customKeys) : null)
            ?? throw new PersonioException(PersonioFailure.MalformedResponse, new Reason("personio.no_employee_in_answer", id));
    }

    /// <summary>
    /// One employee through v2 (a person and its latest employment), e.g. after a webhook; null if unknown. Org data
    /// comes as ids without names: naming one employee would cost up to five reference reads on top of its two.
    /// </summary>
    public async Task<PersonioEmployee?> GetEmployeeAsync(PersonioCredentials credentials, long id, IReadOnlyCollection<string> customKeys, CancellationToken ct)
    {
        using var person = await v2.GetAsync(credentials, $"/v2/persons/{id}", null, ct);
        return person is null ? null : await WithEmploymentAsync(credentials, person.RootElement, customKeys, ct);
    }

    /// <summary>
    /// Persons whose v2 <c>updated_at</c> is after <paramref name="after"/>, for a delta read: ids and times only, one
    /// request per 50. Personio moves a person's <c>updated_at</c> for changes of the person (names, email, custom
    /// attributes, a new hire), not for changes of the employment alone (status, type, termination, org data).
    /// </summary>
    public Task<IReadOnlyList<UpdatedPerson>> ListUpdatedPersonsAsync(PersonioCredentials credentials, DateTimeOffset after, CancellationToken ct) =>
        V2UpdatedPersons.ReadAsync(v2, credentials, after, ct);

    public async Task<AttributeCatalog> GetAttributeCatalogAsync(PersonioCredentials credentials, CancellationToken ct)
    {
        using var document = await v1.GetAsync(credentials, "/v1/company/employees/attributes", null, ct)
            ?? throw new PersonioException(PersonioFailure.MalformedResponse, new Reason("personio.no_attribute_list"));
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

    internal async Task<PersonioEmployee?> WithEmploymentAsync(PersonioCredentials credentials, JsonElement person, IReadOnlyCollection<string> customKeys, CancellationToken ct)
    {
        if (person.Property("id").AsLong() is not { } id)
        {
            return null;
        }

        using var employments = await v2.GetAsync(credentials, $"/v2/persons/{id}/employments?limit=1", null, ct);
        if (employments?.RootElement.Property("_data") is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0)
        {
            // A person without a readable employment has no status: reading it as "inactive" would deactivate them.
            throw new PersonioException(PersonioFailure.MalformedResponse, new Reason("personio.no_employment", id));
        }

        return V2EmployeeReader.Read(person, list[0], customKeys);
    }
}
