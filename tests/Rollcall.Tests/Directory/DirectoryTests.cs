using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Directory;

/// <summary>The user directory through its JSON API, run once on SQLite and once on PostgreSQL.</summary>
public abstract class DirectoryTests
{
    private const string ValidIban = "DE89370400440532013000";

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private async Task<RollcallApp> StartAsync() => RollcallApp.Start(await CreateDatabaseAsync());

    [Fact]
    public async Task Migrations_OnStart_AllAppliedForTheProvider()
    {
        await using var app = await StartAsync();

        var (applied, known, provider) = await app.WithDbAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList(), db.Database.ProviderName));

        Assert.NotEmpty(known);
        Assert.Equal(known, applied);
        Assert.Contains(app.Database.Provider == "Sqlite" ? "Sqlite" : "PostgreSQL", provider);
    }

    [Fact]
    public async Task CreateUser_EmailOfAnotherUserInOtherCase_409EmailTaken()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);

        var first = await api.PostAsJsonAsync($"/api/companies/{company.Id}/users", new { firstName = "Jörg", lastName = "Weiß", email = "Joerg.Weiss@Example.com" });
        var second = await api.PostAsJsonAsync($"/api/companies/{company.Id}/users", new { firstName = "Other", lastName = "Person", email = "joerg.weiss@EXAMPLE.COM" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("email_taken", await second.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal(1, await app.WithDbAsync(db => db.DirectoryUsers.CountAsync(u => u.CompanyId == company.Id && (u.LastName == "Weiß" || u.LastName == "Person"))));
    }

    [Fact]
    public async Task CreateUser_SameEmailInAnotherCompany_Created()
    {
        await using var app = await StartAsync();
        var acme = await app.CreateCompanyAsync("Acme");
        var globex = await app.CreateCompanyAsync("Globex");

        var inAcme = await app.ApiClient(acme.ApiKey).PostAsJsonAsync($"/api/companies/{acme.Id}/users", new { firstName = "Li", lastName = "Wu", email = "li@example.com" });
        var inGlobex = await app.ApiClient(globex.ApiKey).PostAsJsonAsync($"/api/companies/{globex.Id}/users", new { firstName = "Li", lastName = "Wu", email = "LI@example.com" });

        Assert.Equal(HttpStatusCode.Created, inAcme.StatusCode);
        Assert.Equal(HttpStatusCode.Created, inGlobex.StatusCode);
    }

    [Fact]
    public async Task UpdateUser_EmailToAnotherUsersInOtherCase_409AndUnchanged()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        await api.PostAsJsonAsync($"/api/companies/{company.Id}/users", new { firstName = "A", lastName = "A", email = "a@example.com" });
        var b = await (await api.PostAsJsonAsync($"/api/companies/{company.Id}/users", new { firstName = "B", lastName = "B", email = "b@example.com" }))
            .ReadJsonAsync(HttpStatusCode.Created);

        var response = await api.PatchJsonAsync($"/api/companies/{company.Id}/users/{b["id"]}", new { email = "A@EXAMPLE.com" });

        Assert.Equal("email_taken", await response.ProblemCodeAsync(HttpStatusCode.Conflict));
        var stored = await app.WithDbAsync(db => db.DirectoryUsers.SingleAsync(u => u.Id == Guid.Parse(b["id"]!.GetValue<string>())));
        Assert.Equal("b@example.com", stored.Email);
    }

    [Fact]
    public async Task CreateUser_WithIban_AuditEntryMasksIbanAndNamesTheAdmin()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);

        var created = await (await api.PostAsJsonAsync($"/api/companies/{company.Id}/users",
            new { firstName = "Zoë", lastName = "Müller-Lüdenscheidt", email = "zoe@example.com", iban = "de89 3704 0044 0532 0130 00" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var audit = await (await api.GetAsync($"/api/companies/{company.Id}/users/{created["id"]}/audit")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("DE89 •••• •••• •••• 3000", created["ibanMasked"]!.GetValue<string>());
        Assert.Null(created["iban"]);
        var entry = Assert.Single(audit["items"]!.AsArray())!;
        Assert.Equal("user.created", entry["action"]!.GetValue<string>());
        Assert.Equal("admin", entry["causeKind"]!.GetValue<string>());
        Assert.Equal(company.AdminEmail, entry["causeName"]!.GetValue<string>());
        var iban = Assert.Single(entry["changes"]!.AsArray(), c => c!["field"]!.GetValue<string>() == "iban")!;
        Assert.Null(iban["before"]);
        Assert.Equal("DE89 •••• •••• •••• 3000", iban["after"]!.GetValue<string>());
        Assert.DoesNotContain(ValidIban, audit.ToJsonString());
        var (column, storedAudit) = await app.WithDbAsync(async db => (
            (await db.DirectoryUsers.SingleAsync(u => u.Email == "zoe@example.com")).SealedIban,
            await db.AuditEntries.Where(e => e.CompanyId == company.Id).Select(e => e.Changes).ToListAsync()));
        Assert.Equal(ValidIban, app.Open(column));
        Assert.DoesNotContain(ValidIban, column!);
        Assert.DoesNotContain(storedAudit.SelectMany(c => c), c => c.After == ValidIban || c.Before == ValidIban);
    }

    [Fact]
    public async Task UpdateUser_ChangedFields_AuditEntryHasBeforeAndAfterOfChangedFieldsOnly()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        var created = await (await api.PostAsJsonAsync($"/api/companies/{company.Id}/users",
            new { firstName = "Anna", lastName = "Schmidt", email = "anna@example.com", iban = ValidIban })).ReadJsonAsync(HttpStatusCode.Created);

        var updated = await api.PatchJsonAsync($"/api/companies/{company.Id}/users/{created["id"]}",
            new { lastName = "Schmidt-Øster", iban = "GB82WEST12345698765432", personnelNumber = "P-0042" });
        var audit = await (await api.GetAsync($"/api/companies/{company.Id}/users/{created["id"]}/audit")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var latest = audit["items"]![0]!;
        Assert.Equal("user.updated", latest["action"]!.GetValue<string>());
        var changes = latest["changes"]!.AsArray().ToDictionary(c => c!["field"]!.GetValue<string>(), c => (c!["before"]?.GetValue<string>(), c["after"]?.GetValue<string>()));
        Assert.Equal(["iban", "lastName", "personnelNumber"], changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("Schmidt", "Schmidt-Øster"), changes["lastName"]);
        Assert.Equal(("DE89 •••• •••• •••• 3000", "GB82 •••• •••• •••• 5432"), changes["iban"]);
        Assert.Equal((null, "••••42"), changes["personnelNumber"]);
    }

    [Theory]
    [InlineData("DE89370400440532013001")]
    [InlineData("DE8937040044053201300")]
    [InlineData("not an iban")]
    public async Task CreateUser_InvalidIban_400AndNothingSaved(string iban)
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();

        var response = await app.ApiClient(company.ApiKey).PostAsJsonAsync($"/api/companies/{company.Id}/users",
            new { firstName = "Ivo", lastName = "Ibanovic", email = "ivo@example.com", iban });

        Assert.Equal("invalid_iban", await response.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.False(await app.WithDbAsync(db => db.DirectoryUsers.AnyAsync(u => u.Email == "ivo@example.com")));
    }

    [Fact]
    public async Task ListUsers_SearchFilterAndPaging_ReturnsTheMatchingPage()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        foreach (var i in Enumerable.Range(1, 7))
        {
            await api.PostAsJsonAsync($"/api/companies/{company.Id}/users", new { firstName = $"Paula{i}", lastName = $"Page{i}", email = $"paula{i}@example.com" });
        }

        var page = await (await api.GetAsync($"/api/companies/{company.Id}/users?search=PAULA&page=2&pageSize=3&source=manual&status=invited")).ReadJsonAsync(HttpStatusCode.OK);
        var tooBig = await api.GetAsync($"/api/companies/{company.Id}/users?pageSize=1000");

        Assert.Equal(7, page["total"]!.GetValue<int>());
        Assert.Equal(["Page4", "Page5", "Page6"], page["items"]!.AsArray().Select(u => u!["lastName"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
    }

    [Fact]
    public async Task DeactivateAndReactivate_HandMadeUser_StatusFollowsAndIsAudited()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        var user = await (await api.PostAsJsonAsync($"/api/companies/{company.Id}/users", new { firstName = "D", lastName = "D", email = "d@example.com" }))
            .ReadJsonAsync(HttpStatusCode.Created);

        var deactivated = await (await api.PostAsync($"/api/companies/{company.Id}/users/{user["id"]}/deactivate", null)).ReadJsonAsync(HttpStatusCode.OK);
        var reactivated = await (await api.PostAsync($"/api/companies/{company.Id}/users/{user["id"]}/reactivate", null)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("deactivated", deactivated["status"]!.GetValue<string>());
        Assert.Equal("invited", reactivated["status"]!.GetValue<string>());
        var statuses = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.UserId == Guid.Parse(user["id"]!.GetValue<string>()))
            .OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["invited", "deactivated", "invited"], statuses.Select(e => e.Changes.Single(c => c.Field == "status").After));
    }

    [Fact]
    public async Task ChangeMasterData_PersonioManagedUser_409AndUnchanged()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();
        var userId = await app.WithDbAsync(async db =>
        {
            db.Cause = ChangeCause.System("test setup");
            var user = new DirectoryUser
            {
                Id = Guid.NewGuid(), CompanyId = company.Id, FirstName = "Pia", LastName = "Personio", Email = "pia@example.com",
                Status = UserStatus.Active, Source = UserSource.Personio, PersonioEmployeeId = 4711,
            };
            db.DirectoryUsers.Add(user);
            await db.SaveChangesAsync();
            return user.Id;
        });
        var api = app.ApiClient(company.ApiKey);

        var rename = await api.PatchJsonAsync($"/api/companies/{company.Id}/users/{userId}", new { lastName = "Changed" });
        var deactivate = await api.PostAsync($"/api/companies/{company.Id}/users/{userId}/deactivate", null);
        var promote = await api.PatchJsonAsync($"/api/companies/{company.Id}/users/{userId}", new { role = "admin" });

        Assert.Equal("managed_by_personio", await rename.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal("managed_by_personio", await deactivate.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        var stored = await app.WithDbAsync(db => db.DirectoryUsers.SingleAsync(u => u.Id == userId));
        Assert.Equal(("Personio", UserStatus.Active, UserRole.Admin), (stored.LastName, stored.Status, stored.Role));
    }

    [Fact]
    public async Task SaveUserChange_WithoutCause_Throws()
    {
        await using var app = await StartAsync();
        var company = await app.CreateCompanyAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var admin = await db.DirectoryUsers.SingleAsync(u => u.CompanyId == company.Id);
            admin.FirstName = "Sneaky";
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("cause", error.Message);
    }
}

public sealed class SqliteDirectoryTests : DirectoryTests
{
    private static readonly string[] Pragmas = ["journal_mode", "busy_timeout", "foreign_keys"];

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

    [Fact]
    public async Task Connection_Sqlite_WalModeBusyTimeoutAndForeignKeysSet()
    {
        await using var app = RollcallApp.Start();

        var pragmas = await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            var values = new List<string>();
            foreach (var pragma in Pragmas)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA {pragma}";
                values.Add(Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!);
            }

            return values;
        });

        Assert.Equal(["wal", "10000", "1"], pragmas);
    }
}

public sealed class PostgresDirectoryTests : DirectoryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
