using Rollcall.Integration;
using Rollcall.Access;
using Rollcall.Approvals;
using Rollcall.Companies;
using Rollcall.ConfigAudit;
using Rollcall.Data;
using Rollcall.Directory;
using Rollcall.Explorer;
using Rollcall.Invitations;
using Rollcall.Mail;
using Rollcall.Overview;
using Rollcall.PaymentData;
using Rollcall.Personio;
using Rollcall.Sync;
using Rollcall.Telemetry;
using Rollcall.Undo;
using Rollcall.Webhooks;

namespace Rollcall.Hosting;

/// <summary>Rollcall's host, feature by feature: the table of contents of the application.</summary>
internal static class RollcallHost
{
    public static WebApplication Build(string[] args) => Build(args, replace: null);

    /// <param name="args">The command line.</param>
    /// <param name="replace">Replaces services after Rollcall's own registrations: for benchmarks that measure a part against a stand-in.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? replace)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddRollcallDatabase();  // EF Core on a SQLite file (default) or PostgreSQL
        builder.AddDatabaseMigrator();  // migrated on start, before any other hosted service; the database's readiness check
        builder.AddRollcallAccess();    // key ring (encrypted by a certificate), Identity cookies for pages, API keys for /api, company-admin policies
        builder.AddPaymentData();       // IBAN, personnel and creditor number sealed at rest (clear values sealed on start), change notices, retention
        builder.AddConfigAudit();       // who changed a company's configuration, when, before and after
        builder.AddPersonio();          // typed Personio v1/v2 clients: tokens, paging, retries, rate limits
        builder.AddSync();              // planner, engine, nightly and queued runs through Quartz, decisions, history
        builder.AddApprovals();         // the approval inbox: held deactivations and payment-data changes, decided one by one
        builder.AddUndo();              // undo a run: restores what it changed, as a run of its own
        builder.AddWebhookProcessing(); // webhook events and delta reads into targeted runs (a loop on every node that runs syncs)
        builder.AddPersonioIntegration(); // Integrations > Personio: connect, map, settings, disconnect (rescheduling included)
        builder.AddWebhookReceiver();   // Personio's webhook deliveries into the inbox; the company's token and its registration in Personio
        builder.AddMail();              // outbox dispatcher (a loop on every node), SMTP or folder delivery, admin notifications
        builder.AddInvitations();       // invitation links, the company's rails, resend and accept
        builder.AddCompanies();         // a company and its first admin
        builder.AddExplorer();          // who in Personio is a user, and why: reads the rows each run writes
        builder.AddOverview();          // a company at a glance (state, runs, what needs an admin) and its trends from the run history
        builder.AddRollcallWeb();       // Razor Pages, JSON, problem details, OpenAPI, trusted proxies
        builder.AddRollcallHealth();    // health checks: database and migrations, scheduler
        builder.AddRollcallTelemetry(); // OpenTelemetry metrics and traces (OTLP, Prometheus), database gauges
        replace?.Invoke(builder.Services);
        var app = builder.Build();
        CommandLineVerbs.ValidateOptions(app.Services);

        app.UseRollcallWeb();   // forwarded headers, HSTS, authentication, pages, OpenAPI
        app.MapRollcallHealth(); // /health/live, /health/ready (and /health, the same as ready)
        app.UseRollcallTelemetry(); // /metrics (Prometheus) for loopback and Telemetry:MetricsNetworks, when on
        app.MapCompanies();     // /api/me, /api/companies/{companyId}
        app.MapUsers();         // /api/companies/{companyId}/users…, audit trail
        app.MapPaymentData();   // /api/companies/{companyId}/payment-data/retention: days until a deactivated user's payment data is erased
        app.MapApiKeys();       // /api/companies/{companyId}/api-keys
        app.MapConfigAudit();   // /api/companies/{companyId}/configuration-changes: who changed the configuration, before and after
        app.MapPersonio();      // /api/companies/{companyId}/personio: connect, mapping, settings, disconnect
        app.MapSync();          // /api/companies/{companyId}/personio/sync and runs: sync now, preview, history, approval
        app.MapApprovals();     // /api/companies/{companyId}/approvals: held changes, approve or reject one, a run's or all
        app.MapUndo();          // /api/companies/{companyId}/personio/runs/{runId}/undo: preview and undo a run
        app.MapMail();          // /api/companies/{companyId}/mail: failed and held messages, safety rails
        app.MapInvitations();   // /api/companies/{companyId}/users/{userId}/invitation: resend
        app.MapExplorer();      // /api/companies/{companyId}/personio/people: who is a user, and why
        app.MapTrends();        // /api/companies/{companyId}/trends: users by status, runs by outcome, Personio requests, over 30 or 90 days
        app.MapWebhookTokens(); // /api/companies/{companyId}/personio/webhook: state, issue or rotate the token, revoke
        app.MapWebhookReceiver(); // /hooks/personio/{companyId}: Personio's deliveries, authenticated by the company's token only
        return app;
    }

    /// <summary>
    /// The host a command-line verb runs in (<c>create-company</c>, <c>create-api-key</c>, <c>sync</c>): only the features
    /// the verbs use, configured exactly as the server's. No web server, no scheduler started, no mail dispatcher, no
    /// background loop, no telemetry exporter: nothing starts with it. Of the server's start-up it takes what a verb needs:
    /// options validated, the database migrated only when a migration is pending, the fingerprint key loaded.
    /// </summary>
    public static async Task<IHost> BuildVerbHostAsync(string[] args, CancellationToken ct)
    {
        // As WebApplication.CreateBuilder does: ASPNETCORE_ variables (the environment's name) count for a verb as for the server.
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables(prefix: "ASPNETCORE_");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, Configuration = configuration });
        builder.AddRollcallDatabase();  // EF Core on a SQLite file (default) or PostgreSQL
        builder.AddRollcallAccounts();  // key ring (encrypted by a certificate), accounts, API keys; no sign-in
        builder.AddPaymentDataSeal();   // IBAN, personnel and creditor number sealed at rest, change notices
        builder.AddConfigAudit();       // who changed a company's configuration (the verb, by name)
        builder.AddPersonio();          // typed Personio v1/v2 clients: tokens, paging, retries, rate limits
        builder.AddSyncEngine();        // planner, engine, a run in this process; the schedule's store, never started
        builder.AddMailQueue();         // the outbox: a run's invitations and notices are queued; the server sends them
        builder.AddInvitations();       // invitation links and the company's rails
        builder.AddCompanies();         // a company and its first admin
        var host = builder.Build();
        try
        {
            CommandLineVerbs.ValidateOptions(host.Services);
            await DatabaseMigrator.MigrateWhenPendingAsync(host.Services, ct); // a fresh database, a newer Rollcall
            // Before any save needs it: loaded inside a save's transaction, its own connection would wait for that save on SQLite.
            await host.Services.GetRequiredService<PaymentFingerprintKey>().LoadAsync(ct);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
