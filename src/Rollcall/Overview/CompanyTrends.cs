using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Sync;

namespace Rollcall.Overview;

/// <summary>
/// A company's trends over its last 30 or 90 days, drawn from its own run history: users by status at the end of each
/// day, runs per day by outcome, and Personio requests and 429s per run. Days are the company's local days, today by
/// the application's clock. Previews are left out: they change nothing and record no users.
/// </summary>
internal sealed class CompanyTrends(RollcallDbContext db, TimeProvider clock)
{
    public const int DefaultDays = 30;

    /// <summary>The windows offered; any other asks for the default.</summary>
    public static readonly IReadOnlyList<int> Windows = [30, 90];

    /// <summary>The newest runs a window shows requests for; a busy company (webhook runs) has far more than a chart can show.</summary>
    public const int MaxRuns = 120;

    public async Task<Trends?> LoadAsync(Guid companyId, int days, CancellationToken ct)
    {
        var zoneId = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleOrDefaultAsync(ct);
        if (zoneId is null)
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var to = LocalDay(clock.GetUtcNow().UtcDateTime, zone);
        var from = to.AddDays(1 - days);
        var since = StartUtc(from, zone);
        var runs = db.SyncRuns.AsNoTracking().Where(r => r.CompanyId == companyId && !r.DryRun && r.State != RunState.Running);

        var counted = runs.Where(r => r.UsersActive != null && r.FinishedAt != null);
        var before = await counted.Where(r => r.FinishedAt < since).OrderByDescending(r => r.FinishedAt)
            .Select(r => new UserPoint(r.FinishedAt!.Value, r.UsersActive, r.UsersInvited, r.UsersDeactivated)).FirstOrDefaultAsync(ct);
        var points = await counted.Where(r => r.FinishedAt >= since).OrderBy(r => r.FinishedAt)
            .Select(r => new UserPoint(r.FinishedAt!.Value, r.UsersActive, r.UsersInvited, r.UsersDeactivated)).ToListAsync(ct);
        var outcomes = await runs.Where(r => r.StartedAt >= since).Select(r => new { r.StartedAt, r.State }).ToListAsync(ct);
        var requests = await runs.Where(r => r.StartedAt >= since && r.Trigger != SyncTrigger.Undo).OrderByDescending(r => r.StartedAt).Take(MaxRuns + 1)
            .Select(r => new RunRequests(r.Id, r.StartedAt, r.State, r.PersonioRequests, r.PersonioThrottled)).ToListAsync(ct);

        var dates = Enumerable.Range(0, days).Select(from.AddDays).ToList();
        var byDay = points.ToLookup(p => LocalDay(p.At, zone));
        var users = new List<UsersOnDay>(days);
        var carried = before;
        foreach (var day in dates)
        {
            carried = byDay[day].LastOrDefault() ?? carried; // the day's last run; a day without runs keeps the day before's values
            users.Add(new UsersOnDay(day, carried?.Active, carried?.Invited, carried?.Deactivated));
        }

        var started = outcomes.ToLookup(r => LocalDay(r.StartedAt, zone), r => r.State);
        var runsPerDay = dates.Select(day => new RunsOnDay(day,
            started[day].Count(s => s == RunState.Succeeded), started[day].Count(s => s == RunState.NeedsApproval),
            started[day].Count(s => s == RunState.Rejected), started[day].Count(s => s == RunState.Failed))).ToList();

        return new Trends(days, zone, from, to, users, runsPerDay, [.. requests.Take(MaxRuns).Reverse()], requests.Count > MaxRuns);
    }

    /// <summary>The window asked for, or the default for anything else.</summary>
    public static int WindowOf(int? days) => days is { } d && Windows.Contains(d) ? d : DefaultDays;

    public static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>The instant (UTC) the company's local day begins: midnight, or the first local time after it where midnight is skipped.</summary>
    public static DateTime StartUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private sealed record UserPoint(DateTime At, int? Active, int? Invited, int? Deactivated);
}

/// <summary>The trends of one window: <see cref="From"/> to <see cref="To"/> (today), both company-local days.</summary>
internal sealed record Trends(
    int Days, TimeZoneInfo Zone, DateOnly From, DateOnly To, IReadOnlyList<UsersOnDay> Users, IReadOnlyList<RunsOnDay> Runs, IReadOnlyList<RunRequests> Requests,
    bool RequestsCut);

/// <summary>The company's users by status at the end of a day (its last run's count, or the day before's); null before the first recorded count.</summary>
internal sealed record UsersOnDay(DateOnly Day, int? Active, int? Invited, int? Deactivated);

/// <summary>Runs started on a day, by how they ended.</summary>
internal sealed record RunsOnDay(DateOnly Day, int Succeeded, int NeedsApproval, int Rejected, int Failed);

/// <summary>One run's requests to Personio, every attempt counted, and how many of them Personio answered 429.</summary>
internal sealed record RunRequests(Guid RunId, DateTime StartedAt, RunState State, int Requests, int Throttled);
