using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Sync;

namespace Rollcall.Undo;

/// <summary>
/// What undoing a run would do for one user: <see cref="Action"/> (deactivate whom it created, reactivate whom it
/// deactivated, restore the fields it changed), the fields as they are now and as they would be again (payment data
/// masked), or why this user is refused. <see cref="Restore"/> holds the values to write, in clear; never shown.
/// </summary>
internal sealed record UndoItem(
    Guid UserId, string Name, StepKind Action, IReadOnlyList<FieldChange> Changes, Reason? Refused,
    IReadOnlyDictionary<string, string?> Restore, bool WithdrawInvitations);

/// <summary>The undo of one run, user by user.</summary>
internal sealed record UndoPlan(SyncRun Run, IReadOnlyList<UndoItem> Items)
{
    public IEnumerable<UndoItem> Restored => Items.Where(i => i.Refused is null);

    public IEnumerable<UndoItem> Refused => Items.Where(i => i.Refused is not null);
}
