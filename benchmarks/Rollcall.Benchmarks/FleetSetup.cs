using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Rollcall.Companies;
using Rollcall.Data;
using Rollcall.Data.Companies;
using Rollcall.Hosting;
using Rollcall.Integration;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>
/// Everything before a fleet night, kept out of its measurement: the sandbox's companies (once per command), then for
/// each night a fresh PostgreSQL database holding one Rollcall company per sandbox company, connected to its own
/// credential and due at the same minute.
/// </summary>
internal static class FleetSetup
{
    /// <summary>Companies take these zones in turn, so the one nightly minute is a different local time in each.</summary>
    internal static readonly string[] Zones =
        ["Europe/Berlin", "Europe/London", "Europe/Vienna", "Europe/Helsinki", "America/New_York", "Asia/Kolkata", "Europe/Paris", "Australia/Sydney"];

    private const string Admin = "admin@fleet.rollcall.example";

    public static async Task<SandboxCompany[]> SeedSandboxAsync(SandboxServer sandbox, int companies, int employees)
    {
        var created = new SandboxCompany[companies];
        await Parallel.ForEachAsync(Enumerable.Range(0, companies), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => created[i] = await sandbox.CreateCompanyAsync(employees, seed: i + 1));
        return created;
    }

    public static async Task<string> CreateDatabaseAsync(string server, string name)
    {
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public static async Task DropDatabaseAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>
    /// Creates and connects every company through Rollcall's own services (what <c>create-company</c> and
    /// <c>PUT …/personio/credentials</c> call, the credential checked against the sandbox), in a Rollcall host of the
    /// benchmark's own that schedules and sends nothing. Returns the companies' ids, in the sandbox companies' order.
    /// </summary>
    public static async Task<Guid[]> PrepareAsync(string connectionString, Uri personio, SandboxCompany[] companies, string[] settings)
    {
        await using var app = RollcallHost.Build([
            "--urls", "http://127.0.0.1:0", "--Database:Provider=Postgres", "--Database:ConnectionString=" + connectionString,
            "--Personio:BaseUrl=" + personio, "--Sync:ScheduleNightlyRuns=false", "--Mail:Dispatch=false",
            "--Logging:LogLevel:Default=Critical", "--Logging:LogLevel:Microsoft=None", .. settings,
        ]);
        await app.StartAsync();
        // One admin for every company: the first company creates the account, the others find it (one password hash, not a thousand).
        var ids = new Guid[companies.Length];
        ids[0] = await CreateAsync(app.Services, companies[0], 0);
        await Parallel.ForEachAsync(Enumerable.Range(1, companies.Length - 1), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => ids[i] = await CreateAsync(app.Services, companies[i], i));

        await app.StopAsync();
        return ids;
    }

    private static async Task<Guid> CreateAsync(IServiceProvider services, SandboxCompany personio, int index)
    {
        await using var scope = services.CreateAsyncScope();
        var zone = Zones[index % Zones.Length];
        var created = await scope.ServiceProvider.GetRequiredService<CompanySetup>().CreateAsync(
            new CompanySetup.NewCompany($"Fleet {index + 1:D4} GmbH", zone, CompanyLanguage.De, Admin, "Fleet", "Admin"), CancellationToken.None);
        var connected = await scope.ServiceProvider.GetRequiredService<PersonioConnection>().ConnectAsync(created.Company.Id,
            personio.ClientId, personio.Secret, new AttributeMapping(SyncBenchmark.Mapped[0], SyncBenchmark.Mapped[1], SyncBenchmark.Mapped[2]), CancellationToken.None);
        if (connected.Problem is { } problem)
        {
            throw new InvalidOperationException($"Company {index + 1} could not connect: {problem.Detail}");
        }

        return created.Company.Id;
    }

    /// <summary>
    /// Sets every company's nightly time to the first whole minute at least <paramref name="lead"/> away, read on its own
    /// zone's clock (one statement per zone), before the nodes start and schedule it. Returns that minute.
    /// </summary>
    public static async Task<DateTimeOffset> DueAtAsync(string connectionString, Guid[] ids, TimeSpan lead)
    {
        var now = TimeProvider.System.GetUtcNow() + lead;
        var night = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString(); // left idle, it would count as a node's
        await using var db = new RollcallDbContext(new DbContextOptionsBuilder<RollcallDbContext>().UseNpgsql(unpooled).Options);
        for (var z = 0; z < Zones.Length; z++)
        {
            var inZone = ids.Where((_, i) => i % Zones.Length == z).ToList();
            var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(night, TimeZoneInfo.FindSystemTimeZoneById(Zones[z])).DateTime);
            await db.PersonioIntegrations.Where(i => inZone.Contains(i.CompanyId)).ExecuteUpdateAsync(s => s.SetProperty(i => i.NightlyAt, local));
        }

        // A node the benchmark stopped in the middle of a run (a late duplicate) would keep that company's lease for the
        // lease's duration, and the next night would skip the company.
        await db.PersonioIntegrations.Where(i => i.LeaseOwner != null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, (string?)null).SetProperty(i => i.LeaseUntil, (DateTime?)null));

        return night;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static string Describe(DateTimeOffset night) => night.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
