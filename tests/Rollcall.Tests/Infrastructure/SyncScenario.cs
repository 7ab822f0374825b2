using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Sync;
using Rollcall.Sync;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// A company in Rollcall connected to a company in the Personio sandbox, both over real HTTP. The sandbox's clock
/// is a fake one, so a scenario moves day by day.
/// </summary>
public sealed class SyncScenario : IAsyncDisposable
{
    public const string IbanKey = "dynamic_30101";
    public const string PersonnelKey = "dynamic_30102";
    public const string CreditorKey = "dynamic_30103";

    private readonly IReadOnlyDictionary<string, string?> _settings;

    private SyncScenario(SandboxServer sandbox, FakeTimeProvider clock, RollcallApp app, IReadOnlyDictionary<string, string?> settings)
    {
        Sandbox = sandbox;
        Clock = clock;
        App = app;
        _settings = settings;
    }

    public SandboxServer Sandbox { get; }
    public FakeTimeProvider Clock { get; }
    public RollcallApp App { get; }
    public TestCompany Company { get; private set; } = null!;
    public SandboxCompany Personio { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public string Base => $"/api/companies/{Company.Id}/personio";

    /// <summary>When a scenario starts unless it says otherwise: a fixed instant, so no test depends on the hour it runs at.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Personio is a German product: its dates (hire, termination, "today") are Berlin dates.</summary>
    public static readonly TimeZoneInfo PersonioZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>
    /// <paramref name="personioSize"/> seeds the Personio company with that many people (mixed statuses and types);
    /// <paramref name="provider"/> ("Sqlite" or "Postgres") gives Rollcall a fresh database of that kind, which the scenario owns;
    /// <paramref name="start"/> is the sandbox clock's first instant (default <see cref="DefaultStart"/>).
    /// </summary>
    public static async Task<SyncScenario> StartAsync(bool sandboxRateLimits = false, IReadOnlyDictionary<string, string?>? settings = null, TestDatabase? database = null,
        int personioSize = 0, string? provider = null, DateTimeOffset? start = null, bool rollcallOnTheSameClock = false, Action<IServiceCollection>? services = null)
    {
        var owned = database is null;
        database ??= provider == "Postgres" ? await TestDatabase.PostgresAsync() : null;
        var clock = new FakeTimeProvider(start ?? DefaultStart);
        var sandbox = SandboxServer.Start(new Dictionary<string, string?> { ["Sandbox:RateLimits:Enabled"] = sandboxRateLimits ? "true" : "false" },
            sandboxRateLimits ? null : clock);
        var all = new Dictionary<string, string?>
        {
            ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["Personio:RetryBaseDelay"] = "00:00:00.050",
            ["Sync:ScheduleNightlyRuns"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = RollcallApp.Start(database, all, ownsDatabase: owned, clock: rollcallOnTheSameClock ? clock : null, services: services);
        var scenario = new SyncScenario(sandbox, clock, app, all);
        scenario.Company = await app.CreateCompanyAsync();
        scenario.Api = app.ApiClient(scenario.Company.ApiKey);
        scenario.Personio = await sandbox.CreateCompanyAsync(personioSize);
        return scenario;
    }

    /// <summary>A scenario (see <see cref="StartAsync"/>) whose company is connected to its Personio company, with nothing synced yet.</summary>
    public static async Task<SyncScenario> ConnectedAsync(IReadOnlyDictionary<string, string?>? settings = null, TestDatabase? database = null, string? provider = null,
        bool sandboxRateLimits = false, Action<IServiceCollection>? services = null)
    {
        var scenario = await StartAsync(sandboxRateLimits, settings, database, provider: provider, services: services);
        try
        {
            await AssertOkAsync(await scenario.ConnectAsync());
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A connected company with <paramref name="people"/> active internal people in Personio (see <see cref="StaffAsync"/>),
    /// all of them users after a first sync; the sandbox counts requests afresh from there.
    /// </summary>
    public static async Task<(SyncScenario Scenario, List<long> Ids)> StaffedAsync(int people, string? provider = null,
        IReadOnlyDictionary<string, string?>? settings = null, bool sandboxRateLimits = false)
    {
        var scenario = await StartAsync(sandboxRateLimits, settings, provider: provider);
        try
        {
            return (scenario, await scenario.StaffAsync(people));
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Connects, hires <paramref name="people"/> (see <see cref="HireManyAsync"/>) and runs a first sync that makes them all
    /// users; the sandbox counts requests afresh from there. Their Personio ids in list order.
    /// </summary>
    public async Task<List<long>> StaffAsync(int people, string? iban = DefaultIban)
    {
        await AssertOkAsync(await ConnectAsync());
        var ids = await HireManyAsync(people, iban);
        Assert.Equal(people, (await SyncAsync()).Created);
        await Sandbox.ResetRequestCountsAsync();
        return ids;
    }

    public async Task<HttpResponseMessage> ConnectAsync(string? clientId = null, string? secret = null, bool mapCreditor = true) =>
        await Api.PutAsJsonAsync($"{Base}/credentials", new
        {
            clientId = clientId ?? Personio.ClientId,
            clientSecret = secret ?? Personio.Secret,
            ibanAttribute = IbanKey,
            personnelNumberAttribute = PersonnelKey,
            creditorNumberAttribute = mapCreditor ? CreditorKey : null,
        });

    /// <summary>
    /// Swaps the stored credential behind Rollcall's back, as if the admin had changed the credential's readable
    /// attributes in Personio (Rollcall would refuse to connect one that cannot read what is mapped).
    /// </summary>
    public Task UseCredentialAsync(string clientId, string secret) => App.WithDbAsync(async db =>
    {
        var integration = await db.PersonioIntegrations.SingleAsync(i => i.CompanyId == Company.Id);
        integration.ClientId = clientId;
        integration.EncryptedSecret = App.Services.GetRequiredService<Rollcall.Personio.PersonioSecrets>().Protect(secret);
        return await db.SaveChangesAsync();
    });

    /// <summary>Personio makes a new secret for the connected credential: the one Rollcall stored is rejected from now on.</summary>
    public Task RegenerateSecretAsync() => Sandbox.PostAsync($"/_sandbox/credentials/{Personio.ClientId}/regenerate-secret");

    /// <summary>Swaps in (see <see cref="UseCredentialAsync"/>) a new credential that may read only <paramref name="readableAttributes"/>.</summary>
    public async Task UseCredentialReadingAsync(params string[] readableAttributes)
    {
        var (clientId, secret) = await Sandbox.CreateCredentialAsync(Personio.Id, readableAttributes);
        await UseCredentialAsync(clientId, secret);
    }

    public async Task<long> HireAsync(string first, string last, string? email = null, string? iban = null, string type = "internal",
        string? hireDate = null, string? personnel = null, string? creditor = null)
    {
        var attributes = new Dictionary<string, string?>();
        if (iban is not null)
        {
            attributes[IbanKey] = iban;
        }

        if (personnel is not null)
        {
            attributes[PersonnelKey] = personnel;
        }

        if (creditor is not null)
        {
            attributes[CreditorKey] = creditor;
        }

        var hired = await Sandbox.PostAsync($"/_sandbox/companies/{Personio.Id}/employees", new
        {
            first_name = first, last_name = last, email, employment_type = type, hire_date = hireDate, custom_attributes = attributes,
        });
        return hired.GetProperty("id").GetInt64();
    }

    /// <summary>The valid IBAN people get unless a test says otherwise.</summary>
    public const string DefaultIban = "DE89370400440532013000";

    /// <summary>Hires <paramref name="count"/> active internal people (Person1 Nummer1, person1@example.test, ...) with an email and an IBAN; their ids in list order.</summary>
    public async Task<List<long>> HireManyAsync(int count, string? iban = DefaultIban)
    {
        var ids = new List<long>();
        foreach (var i in Enumerable.Range(1, count))
        {
            ids.Add(await HireAsync($"Person{i}", $"Nummer{i}", email: $"person{i}@example.test", iban: iban));
        }

        return ids;
    }

    public Task<JsonElement> PersonioAsync(HttpMethod method, string path, object? body = null) =>
        Sandbox.SendAsync(method, $"/_sandbox/companies/{Personio.Id}/employees{path}", body);

    /// <summary>Personio's date (Berlin) on the sandbox clock, <paramref name="days"/> from now; never the UTC date, which is a day behind at night.</summary>
    public string Today(int days = 0) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), PersonioZone).DateTime).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Another Rollcall on the scenario's database and sandbox, with the scenario's settings and <paramref name="settings"/>
    /// over them: a restart, or a second node. Dispose it before the scenario.
    /// </summary>
    public RollcallApp StartAnotherApp(IReadOnlyDictionary<string, string?>? settings = null, bool captureLogs = false, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return RollcallApp.Start(App.Database, all, ownsDatabase: false, captureLogs: captureLogs, services: services);
    }

    /// <summary>Runs the engine directly, as the nightly job does, and returns the finished run.</summary>
    public async Task<SyncRun> SyncAsync(bool dryRun = false)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<SyncEngine>().RunAsync(Company.Id, SyncTrigger.Manual, dryRun, null, CancellationToken.None);
        Assert.True(outcome.Value is not null, outcome.Problem?.Detail);
        return outcome.Value!;
    }

    /// <summary>
    /// A run held by the mass-change guard: <paramref name="leavers"/> are terminated in Personio as of yesterday, and the
    /// next sync (returned) holds their deactivations for an admin's decision.
    /// </summary>
    public async Task<SyncRun> HeldRunAsync(IEnumerable<long> leavers)
    {
        foreach (var id in leavers)
        {
            await PersonioAsync(HttpMethod.Post, $"/{id}/terminate", new { termination_date = Today(-1) });
        }

        return await SyncAsync();
    }

    /// <summary>
    /// A run that began (taking the company's lease) but did not go on, as on a node that died or stalled, and whose lease
    /// has since expired, so the next run may take over. Returns the run's id.
    /// </summary>
    public async Task<Guid> RunWithExpiredLeaseAsync(SyncTrigger trigger)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var begun = await scope.ServiceProvider.GetRequiredService<SyncEngine>().BeginAsync(Company.Id, trigger, false, CancellationToken.None);
        await App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == Company.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.LeaseUntil, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
        return begun.Value!.Id;
    }

    public Task<List<DirectoryUser>> PersonioUsersAsync() =>
        App.WithDbAsync(db => db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == Company.Id && u.Source == UserSource.Personio).OrderBy(u => u.PersonioEmployeeId).ToListAsync());

    public async Task<DirectoryUser> UserOfAsync(long employeeId) =>
        await App.WithDbAsync(db => db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.CompanyId == Company.Id && u.PersonioEmployeeId == employeeId));

    public Task<List<OutboxMessage>> MessagesAsync(MessageKind kind) =>
        App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.CompanyId == Company.Id && m.Kind == kind).ToListAsync());

    public Task<List<SyncRunStep>> StepsAsync(Guid runId) =>
        App.WithDbAsync(db => db.SyncRunSteps.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Id).ToListAsync());

    /// <summary>Rows of the directory and the outbox: what a no-change run must leave untouched.</summary>
    public Task<(int Users, int Audit, int Messages, DateTime LastUpdate)> DirectoryFootprintAsync() => App.WithDbAsync(async db => (
        await db.DirectoryUsers.CountAsync(u => u.CompanyId == Company.Id),
        await db.AuditEntries.CountAsync(a => a.CompanyId == Company.Id),
        await db.OutboxMessages.CountAsync(m => m.CompanyId == Company.Id),
        await db.DirectoryUsers.Where(u => u.CompanyId == Company.Id).MaxAsync(u => u.UpdatedAt)));

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    public static async Task AssertOkAsync(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}
