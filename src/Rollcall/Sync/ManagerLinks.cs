using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;

namespace Rollcall.Sync;

/// <summary>
/// Links a user to their manager while a run's batch writes them, so a first sync writes each new user once, with
/// the link, instead of creating everyone and then updating half of them again. The manager is the user of the
/// person's Personio supervisor when that user is active or invited (the rule of <see cref="SyncApplier.LinkManagersAsync"/>,
/// which still runs after the batches and mends whatever could not be linked here: a supervisor created in a later
/// batch, a manager deactivated later in the run). Only users already written are linked to, so a row never refers
/// to one that does not exist yet.
/// </summary>
internal sealed class ManagerLinks
{
    // Personio employee id → the user who may be their reports' manager (null: none may be).
    private readonly Dictionary<long, Guid?> _committed;
    private readonly Dictionary<long, Guid?> _attempt = [];

    private ManagerLinks(Dictionary<long, Guid?> committed) => _committed = committed;

    public static async Task<ManagerLinks> LoadAsync(RollcallDbContext db, Guid companyId, CancellationToken ct)
    {
        var users = await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.CompanyId == companyId && u.Source == UserSource.Personio && u.PersonioEmployeeId != null && u.Status != UserStatus.Deactivated)
            .Select(u => new { u.Id, EmployeeId = u.PersonioEmployeeId!.Value })
            .ToListAsync(ct);
        var committed = new Dictionary<long, Guid?>(users.Count);
        foreach (var user in users)
        {
            committed[user.EmployeeId] = user.Id;
        }

        return new ManagerLinks(committed);
    }

    /// <summary>
    /// The steps in the order to write them: the plan's order, except that a new user whose supervisor is also new in
    /// this run comes after that supervisor (so the report can be written with the link).
    /// </summary>
    public static IReadOnlyList<PlannedStep> ManagersFirst(IReadOnlyList<PlannedStep> steps)
    {
        var created = new Dictionary<long, PlannedStep>();
        foreach (var step in steps)
        {
            if (step is { Kind: StepKind.Create, EmployeeId: { } id })
            {
                created.TryAdd(id, step);
            }
        }

        if (created.Count == 0)
        {
            return steps;
        }

        var ordered = new List<PlannedStep>(steps.Count);
        var written = new HashSet<PlannedStep>(ReferenceEqualityComparer.Instance);
        var chain = new List<PlannedStep>();
        var inChain = new HashSet<PlannedStep>(ReferenceEqualityComparer.Instance);
        foreach (var step in steps)
        {
            if (step.Kind != StepKind.Create)
            {
                ordered.Add(step);
                continue;
            }

            // Walk up the supervisors created in this run that are not written yet (a loop stops the walk), then write
            // them top down.
            chain.Clear();
            inChain.Clear();
            for (var next = step; next is not null && !written.Contains(next) && inChain.Add(next);
                 next = next.Desired?.Org.SupervisorEmployeeId is { } supervisor ? created.GetValueOrDefault(supervisor) : null)
            {
                chain.Add(next);
            }

            for (var i = chain.Count - 1; i >= 0; i--)
            {
                written.Add(chain[i]);
                ordered.Add(chain[i]);
            }
        }

        return ordered;
    }

    /// <summary>An attempt at a batch begins: links noted by an attempt that rolled back are forgotten.</summary>
    public void BeginAttempt() => _attempt.Clear();

    /// <summary>The batch committed: its users may now be linked to by later batches.</summary>
    public void Committed()
    {
        foreach (var (employee, user) in _attempt)
        {
            _committed[employee] = user;
        }

        _attempt.Clear();
    }

    /// <summary>
    /// After a step wrote <paramref name="user"/>: notes whether they may manage others, and, when the step made or
    /// changed them (<paramref name="link"/>), links them to their manager.
    /// </summary>
    public void Written(DirectoryUser user, bool link)
    {
        if (user.PersonioEmployeeId is { } employee)
        {
            _attempt[employee] = user.Source == UserSource.Personio && user.Status != UserStatus.Deactivated ? user.Id : null;
        }

        if (link)
        {
            user.ManagerId = user.SupervisorEmployeeId is { } supervisor && ManagerOf(supervisor) is { } manager && manager != user.Id ? manager : null;
        }
    }

    private Guid? ManagerOf(long supervisor) =>
        _attempt.TryGetValue(supervisor, out var noted) ? noted : _committed.GetValueOrDefault(supervisor);
}
