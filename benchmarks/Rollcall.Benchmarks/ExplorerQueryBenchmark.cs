using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Rollcall.Companies;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Directory;
using Rollcall.Endpoints;
using Rollcall.Explorer;
using Rollcall.Hosting;

namespace Rollcall.Benchmarks;

/// <summary>
/// The explorer's list (a search term, an outcome filter, the first page) against the user list with a search
/// (<see cref="UserDirectory.ListAsync"/>), on one company of 100,000 explorer rows and 100,000 users, measured in
/// the same run: p50 and p95 of each and the ratio of the p95s. SQLite always, PostgreSQL when a server is given.
/// </summary>
internal static class ExplorerQueryBenchmark
{
    private const int Warmup = 10;
    private const int Rounds = 100;
    private const string Term = "nummer12";

    public static async Task RunAsync(int size, string? postgresServer)
    {
        Console.WriteLine($"| Database | Rows | Query | p50 (ms) | p95 (ms) | Matches | p95 ratio explorer / users |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|");
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-bench-").FullName;
        try
        {
            await MeasureAsync("SQLite", size, ["--Database:DataDirectory=" + folder]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }

        if (string.IsNullOrWhiteSpace(postgresServer))
        {
            return;
        }

        var name = $"rollcall_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(postgresServer, $"CREATE DATABASE {name}");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(postgresServer) { Database = name }.ToString();
            await MeasureAsync("PostgreSQL", size, ["--Database:Provider=Postgres", "--Database:ConnectionString=" + connection]);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(postgresServer, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task MeasureAsync(string database, int size, string[] settings)
    {
        await using var app = RollcallHost.Build([
            "--urls", "http://127.0.0.1:0", "--Sync:ScheduleNightlyRuns=false", "--Logging:LogLevel:Default=Warning", .. settings,
        ]);
        await app.StartAsync();
        var companyId = await SeedAsync(app.Services, size);
        var explorerQuery = new PeopleQuery(Search: Term, Outcome: PersonOutcome.User);
        var userQuery = new UserQuery(Term, null, null);
        var page = new PageRequest(1, 50);
        var explorer = new List<double>();
        var users = new List<double>();
        int explorerMatches = 0, userMatches = 0;
        for (var round = 0; round < Warmup + Rounds; round++)
        {
            // Alternating, each in a fresh scope (a new DbContext, as per request), so both see the same cache and load.
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var clock = Stopwatch.StartNew();
                explorerMatches = (await scope.ServiceProvider.GetRequiredService<PeopleExplorer>().ListAsync(companyId, explorerQuery, page, CancellationToken.None)).Total;
                Record(explorer, round, clock);
            }

            await using (var scope = app.Services.CreateAsyncScope())
            {
                var clock = Stopwatch.StartNew();
                userMatches = (await scope.ServiceProvider.GetRequiredService<UserDirectory>().ListAsync(companyId, userQuery, page, CancellationToken.None)).Total;
                Record(users, round, clock);
            }
        }

        var ratio = Percentile(explorer, 0.95) / Percentile(users, 0.95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {database} | {size:N0} + {size:N0} | explorer: search \"{Term}\", outcome user, page 1 | {Percentile(explorer, 0.5):F1} | {Percentile(explorer, 0.95):F1} | {explorerMatches:N0} | {ratio:F2} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {database} | {size:N0} + {size:N0} | users: search \"{Term}\", page 1 | {Percentile(users, 0.5):F1} | {Percentile(users, 0.95):F1} | {userMatches:N0} | |"));
        await app.StopAsync();
    }

    private static void Record(List<double> times, int round, Stopwatch clock)
    {
        if (round >= Warmup)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    private static double Percentile(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>One company with <paramref name="size"/> users and as many explorer rows (80 % users, the rest spread over the other outcomes).</summary>
    private static async Task<Guid> SeedAsync(IServiceProvider services, int size)
    {
        Guid companyId;
        await using (var scope = services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<CompanySetup>().CreateAsync(
                new CompanySetup.NewCompany("Benchmark GmbH", "Europe/Berlin", CompanyLanguage.De, "admin@bench.example", "Bench", "Admin"), CancellationToken.None);
            companyId = created.Company.Id;
        }

        var runId = Guid.NewGuid();
        var decidedAt = new DateTime(2026, 6, 15, 2, 0, 0, DateTimeKind.Utc);
        foreach (var chunk in Enumerable.Range(1, size).Chunk(5_000))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
            db.Cause = new ChangeCause(ChangeCauseKind.System, "benchmark", "benchmark seed");
            foreach (var i in chunk)
            {
                var user = new DirectoryUser
                {
                    Id = Guid.NewGuid(), CompanyId = companyId, FirstName = $"Person{i}", LastName = $"Nummer{i}", Email = $"person{i}@bench.example",
                    Status = UserStatus.Active, Role = UserRole.Member, Source = UserSource.Personio, PersonioEmployeeId = i,
                    LegalEntityId = $"{7700 + (i % 5)}", LegalEntityName = $"Entity {i % 5}", DepartmentId = $"{2800 + (i % 20)}", DepartmentName = $"Department {i % 20}",
                };
                db.DirectoryUsers.Add(user);
                db.PersonDecisions.Add(Decision(companyId, i, user.Id, runId, decidedAt));
            }

            await db.SaveChangesAsync();
        }

        return companyId;
    }

    private static PersonDecision Decision(Guid companyId, int i, Guid userId, Guid runId, DateTime decidedAt)
    {
        var (outcome, code) = (i % 20) switch
        {
            0 => (PersonOutcome.NotUser, "external"),
            1 => (PersonOutcome.NotUser, "inactive"),
            2 => (PersonOutcome.Skipped, "no_email"),
            3 => (PersonOutcome.Leaving, "inactive"),
            _ => (PersonOutcome.User, "active"),
        };
        var name = $"Person{i} Nummer{i}";
        var email = $"person{i}@bench.example";
        return new PersonDecision
        {
            CompanyId = companyId, PersonioEmployeeId = i, Name = name, Email = email, SearchText = $"{name} {email} #{i}".ToUpperInvariant(),
            Status = "active", EmploymentType = "internal", HireDate = new DateOnly(2020, 1, 1).AddDays(i % 2000),
            LegalEntityId = $"{7700 + (i % 5)}", LegalEntityName = $"Entity {i % 5}", OfficeId = $"{5500 + (i % 10)}", OfficeName = $"Office {i % 10}",
            DepartmentId = $"{2800 + (i % 20)}", DepartmentName = $"Department {i % 20}",
            Outcome = outcome, ReasonCode = code, Reason = new Rollcall.Data.Reason(code), UserId = outcome == PersonOutcome.User ? userId : null,
            RunId = runId, DecidedAt = decidedAt,
        };
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
