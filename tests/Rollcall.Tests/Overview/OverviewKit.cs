using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rollcall.Data.Companies;
using Rollcall.Data.Outbox;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.Overview;

/// <summary>
/// A company whose history the overview and trends tests write straight into the database (integration, runs, held steps,
/// mail), on a pinned clock, with its admin logged in and the pages in English.
/// </summary>
internal sealed class OverviewKit : IAsyncDisposable
{
    private readonly HttpClient? _browser;

    private OverviewKit(RollcallApp app, FakeTimeProvider clock, TestCompany company, HttpClient? browser)
    {
        App = app;
        Clock = clock;
        Company = company;
        _browser = browser;
    }

    public RollcallApp App { get; }
    public FakeTimeProvider Clock { get; }
    public TestCompany Company { get; }
    public HttpClient Browser => _browser ?? throw new InvalidOperationException("A kit for seeding only has no logged-in client.");
    public string Root => $"/companies/{Company.Id}";

    public static async Task<OverviewKit> StartAsync(DateTimeOffset now, string timeZone = "Europe/Berlin", RollcallApp? app = null)
    {
        var clock = new FakeTimeProvider(now);
        app ??= RollcallApp.Start(clock: clock);
        var company = await app.CreateCompanyAsync();
        await app.WithDbAsync(db => db.Companies.Where(c => c.Id == company.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Language, CompanyLanguage.En).SetProperty(c => c.TimeZone, timeZone)));
        return new OverviewKit(app, clock, company, await PageKit.LoggedInAsync(app, company.AdminEmail));
    }

    /// <summary>Seeds <paramref name="company"/> of an app a real browser uses (its own clock, its own login); the app stays the caller's.</summary>
    public static OverviewKit ForSeeding(RollcallApp app, TestCompany company) => new(app, new FakeTimeProvider(TimeProvider.System.GetUtcNow()), company, browser: null);

    /// <summary>An integration in <paramref name="state"/> with a secret this app can read (or, with <paramref name="readableSecret"/> false, one it cannot).</summary>
    public Task ConnectAsync(IntegrationState state = IntegrationState.Connected, TimeOnly? nightlyAt = null, string? unreadable = null, bool readableSecret = true) =>
        App.WithDbAsync(db =>
        {
            db.PersonioIntegrations.Add(new PersonioIntegration
            {
                CompanyId = Company.Id, State = state, ClientId = "papi-client",
                EncryptedSecret = readableSecret ? App.Services.GetRequiredService<PersonioSecrets>().Protect("papi-secret") : "no-longer-readable",
                NightlyAt = nightlyAt ?? new TimeOnly(2, 0), ConnectedAt = Clock.GetUtcNow().UtcDateTime.AddDays(-100), UnreadableAttributes = unreadable,
            });
            return db.SaveChangesAsync();
        });

    public async Task<SyncRun> AddRunAsync(RunState state, DateTime startedAt, DateTime? finishedAt = null, bool dryRun = false, (int Active, int Invited, int Deactivated)? users = null,
        int requests = 0, int throttled = 0, Action<SyncRun>? more = null)
    {
        var run = new SyncRun
        {
            Id = Guid.NewGuid(), CompanyId = Company.Id, Trigger = SyncTrigger.Schedule, DryRun = dryRun, State = state, StartedAt = startedAt,
            FinishedAt = state == RunState.Running ? null : finishedAt ?? startedAt.AddMinutes(5),
            Phase = state switch { RunState.Running => RunPhase.Reading, RunState.NeedsApproval => RunPhase.WaitingForApproval, _ => RunPhase.Finished },
            UsersActive = users?.Active, UsersInvited = users?.Invited, UsersDeactivated = users?.Deactivated, PersonioRequests = requests, PersonioThrottled = throttled,
        };
        more?.Invoke(run);
        await App.WithDbAsync(db =>
        {
            db.SyncRuns.Add(run);
            return db.SaveChangesAsync();
        });
        return run;
    }

    public Task AddHeldStepsAsync(Guid runId, int count) => App.WithDbAsync(db =>
    {
        for (var i = 0; i < count; i++)
        {
            db.SyncRunSteps.Add(new SyncRunStep { RunId = runId, CompanyId = Company.Id, Kind = StepKind.Deactivate, Status = StepStatus.Held, ReasonCode = "gone", Subject = $"Person {i}" });
        }

        return db.SaveChangesAsync();
    });

    public Task AddMailAsync(MessageState state, bool held, int count) => App.WithDbAsync(db =>
    {
        for (var i = 0; i < count; i++)
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(), CompanyId = Company.Id, Kind = MessageKind.Invitation, IdempotencyKey = $"test:{Guid.NewGuid()}", State = state, Held = held,
                HeldReason = held ? HoldReasons.OverRunCap : null, CreatedAt = DateTime.UnixEpoch, NextAttemptAt = DateTime.UnixEpoch,
            });
        }

        return db.SaveChangesAsync();
    });

    /// <summary>A UTC instant given as the company-zone's local time.</summary>
    public static DateTime Utc(int year, int month, int day, int hour, int minute, string zone) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), TimeZoneInfo.FindSystemTimeZoneById(zone));

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
