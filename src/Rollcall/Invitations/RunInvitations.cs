using Rollcall.Data.Directory;

namespace Rollcall.Invitations;

/// <summary>
/// Invites the users a sync run creates or re-invites, within the run's batch transaction (the caller saves). Only
/// <see cref="InvitationQueue.ForRunAsync"/> makes one, with the company's rails and the run's count already loaded.
/// </summary>
internal sealed class RunInvitations(Action<DirectoryUser> invite)
{
    public void Invite(DirectoryUser user) => invite(user);
}
