using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rollcall.Access;
using Rollcall.Companies;
using Rollcall.Data;
using Rollcall.Data.Access;
using Rollcall.Data.Audit;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;

namespace Rollcall.Tests.Infrastructure;

/// <summary>Rollcall in-process on its own fresh database; one per test, so tests never see each other's rows.</summary>
public sealed class RollcallApp(
    TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, bool ownsDatabase = true, bool captureLogs = false, TimeProvider? clock = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string Password = "correct-horse-battery-9";

    public TestDatabase Database => database;

    /// <summary>
    /// Rollcall started on <paramref name="database"/> (a fresh SQLite file by default). With <paramref name="ownsDatabase"/> false the
    /// database outlives the app, so a second app can start on it: a restart, or a second node.
    /// </summary>
    /// <paramref name="clock"/> replaces Rollcall's clock (dates a test pins); browser sessions then expire by it, so page tests leave it unset.
    /// <paramref name="services"/> adds or replaces Rollcall's services after its own registrations (an interceptor that times a fault, a startup filter).
    public static RollcallApp Start(TestDatabase? database = null, IReadOnlyDictionary<string, string?>? settings = null, bool ownsDatabase = true, bool captureLogs = false,
        TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        var app = new RollcallApp(database ?? TestDatabase.Sqlite(), settings, ownsDatabase, captureLogs, clock, services);
        app.StartServer(); // options validated, database migrated
        return app;
    }

    /// <summary>Rollcall on a real loopback port, for a browser; <see cref="Url"/> is where it listens.</summary>
    public static RollcallApp StartOnLoopback(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new RollcallApp(TestDatabase.Sqlite(), settings);
        app.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        app.StartServer();
        app.Url = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        return app;
    }

    public Uri? Url { get; private set; }

    /// <summary>The folder sink's directory for this app (used when a test leaves <c>Mail:Delivery</c> at Folder).</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "rollcall-tests", "mail", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        builder.UseSetting("Database:Provider", database.Provider);
        builder.UseSetting("Database:ConnectionString", database.ConnectionString);
        // Mail stays in the outbox unless a test turns the dispatcher on; the folder sink writes under the test's own directory.
        builder.UseSetting("Mail:Dispatch", "false");
        // Webhook events and delta reads are processed when a test says so (WebhookTesting), not by a loop between its steps.
        builder.UseSetting("Webhooks:Process", "false");
        builder.UseSetting("Mail:Folder", MailFolder);
        // Payment-data retention runs when a test says so, not on a timer between its steps.
        builder.UseSetting("PaymentData:Retention", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (clock is not null)
        {
            builder.ConfigureServices(s => s.AddSingleton(clock));
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }

        if (captureLogs)
        {
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.ConfigureLogging(logging => logging.AddFakeLogging());
        }
    }

    /// <summary>Everything logged, down to Trace, when started with <c>captureLogs</c>.</summary>
    public Microsoft.Extensions.Logging.Testing.FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>A client for the pages: HTTPS (the session cookie is Secure), cookies kept, redirects not followed.</summary>
    public HttpClient BrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public HttpClient ApiClient(string? apiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Url ?? new Uri("https://localhost"), AllowAutoRedirect = false });
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>A company with an admin (own password, no forced change) and an API key for that admin.</summary>
    public async Task<TestCompany> CreateCompanyAsync(string name = "Acme GmbH", string? adminEmail = null)
    {
        adminEmail ??= $"admin-{Guid.NewGuid():N}@example.com";
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CompanySetup>().CreateAsync(
            new CompanySetup.NewCompany(name, "Europe/Berlin", CompanyLanguage.De, adminEmail, "Ada", "Admin"), CancellationToken.None);
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        if (created.OneTimePassword is { } oneTime)
        {
            var account = await accounts.FindByIdAsync(created.Admin.Id.ToString());
            Assert.True((await accounts.ChangePasswordAsync(account!, oneTime, Password)).Succeeded);
            account!.MustChangePassword = false;
            await accounts.UpdateAsync(account);
        }

        var key = await scope.ServiceProvider.GetRequiredService<ApiKeys>().IssueAsync(created.Company.Id, created.Admin.Id, "tests", CancellationToken.None);
        return new TestCompany(created.Company.Id, adminEmail, created.Admin.Id, key.Key);
    }

    /// <summary>A directory user with a login of their own and an API key (as if issued while they were an admin).</summary>
    public async Task<TestMember> AddUserWithLoginAsync(Guid companyId, UserRole role, string? email = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = await accounts.FindByEmailAsync(email);
        if (account is null)
        {
            account = new Account { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await accounts.CreateAsync(account, Password)).Succeeded);
        }

        var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
        db.Cause = ChangeCause.System("test setup");
        var user = new DirectoryUser
        {
            Id = Guid.NewGuid(), CompanyId = companyId, FirstName = "Mia", LastName = "Member", Email = email,
            Status = UserStatus.Active, Role = role, Source = UserSource.Manual, AccountId = account.Id,
        };
        db.DirectoryUsers.Add(user);
        await db.SaveChangesAsync();
        var key = await scope.ServiceProvider.GetRequiredService<ApiKeys>().IssueAsync(companyId, account.Id, "tests", CancellationToken.None);
        return new TestMember(user.Id, email, account.Id, key.Key);
    }

    /// <summary>A stored (sealed) payment-data value, opened with this app's key ring.</summary>
    public string? Open(string? stored) => Services.GetRequiredService<Rollcall.PaymentData.PaymentDataSeal>().Open(stored);

    public async Task<T> WithDbAsync<T>(Func<RollcallDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RollcallDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await database.DisposeAsync();
        }

        if (System.IO.Directory.Exists(MailFolder))
        {
            System.IO.Directory.Delete(MailFolder, recursive: true);
        }
    }
}

public sealed record TestCompany(Guid Id, string AdminEmail, Guid AdminAccountId, string ApiKey);

public sealed record TestMember(Guid UserId, string Email, Guid AccountId, string ApiKey);
