using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Directory;

namespace Rollcall.Sync;

internal sealed partial class SyncEngine
{
    /// <summary>
    /// What a full run compares Personio's list with, read while that list is read (on a database connection of its
    /// own): the company's users, and what the explorer's rows show. The users are made current once the read is done
    /// (<see cref="CurrentUsersAsync"/>); the rows need not be, since only runs write them, under the lease this run holds.
    /// </summary>
    private sealed record BesideTheRead(List<DirectoryUser> Users, Dictionary<long, UInt128> Shown);

    private async Task<BesideTheRead> ReadBesideAsync(Guid companyId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var other = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
        var users = await other.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == companyId).ToListAsync(ct);
        return new BesideTheRead(users, await PersonDecisionBook.ShownAsync(other, companyId, ct));
    }

    /// <summary>
    /// The users as they are now: those loaded beside the read, except that every user added, changed or removed since
    /// is read again (every save of a user gives it a new <see cref="DirectoryUser.ConcurrencyStamp"/>). So the plan
    /// compares with the users as they are after the read, as if they had been loaded then.
    /// </summary>
    private async Task<List<DirectoryUser>> CurrentUsersAsync(Guid companyId, List<DirectoryUser> early, CancellationToken ct)
    {
        var stamps = await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == companyId)
            .Select(u => new { u.Id, u.ConcurrencyStamp }).ToDictionaryAsync(u => u.Id, u => u.ConcurrencyStamp, ct);
        var users = early.Where(u => stamps.TryGetValue(u.Id, out var stamp) && stamp == u.ConcurrencyStamp).ToList();
        var unchanged = users.Select(u => u.Id).ToHashSet();
        foreach (var chunk in stamps.Keys.Where(id => !unchanged.Contains(id)).Chunk(500))
        {
            users.AddRange(await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == companyId && chunk.Contains(u.Id)).ToListAsync(ct));
        }

        return users;
    }

    /// <summary>Stops and waits for what was begun beside a read that ended early, so nothing outlives the run's scope; its failure is not the run's.</summary>
    private static async Task AbandonAsync(Task beside, CancellationTokenSource stop)
    {
        await stop.CancelAsync();
        await beside.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
