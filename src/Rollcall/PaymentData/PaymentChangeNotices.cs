using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Mail;
using Rollcall.Mail.Notifications;

namespace Rollcall.PaymentData;

/// <summary>
/// Tells a person and their company's admins that the person's IBAN or creditor number changed, whatever the cause (a
/// run, an admin's edit, an approval, an undo). Take a <see cref="Snapshot"/> before changing the user, call
/// <see cref="QueueIfChanged"/> after: the messages are queued in the caller's unit of work (the caller saves), to the
/// admins and to the person at the address on record before the change, and at the new one too when the email changed
/// with it. Masked values only; worded when sent, in the company's language then.
/// </summary>
internal sealed class PaymentChangeNotices(MailQueue mail, PaymentDataSeal seal)
{
    public PaymentSnapshot Snapshot(DirectoryUser user) =>
        new(user.Email, seal.Read(user.SealedIban), seal.Read(user.SealedCreditorNumber));

    /// <summary>
    /// Queues the notices when the user's IBAN or creditor number differs from <paramref name="before"/>; false when
    /// neither changed. <paramref name="changeId"/> makes the messages' keys: the run's id for a run (one change per user
    /// and run, so a retried batch queues nothing twice), a new id otherwise.
    /// </summary>
    public bool QueueIfChanged(DirectoryUser user, PaymentSnapshot before, ChangeCause cause, Guid changeId, Guid? runId = null)
    {
        var after = Snapshot(user);
        var iban = Changed("iban", before.Iban, after.Iban);
        var creditor = Changed("creditorNumber", before.CreditorNumber, after.CreditorNumber);
        if (iban is null && creditor is null)
        {
            return false;
        }

        var (kind, name) = Actor(cause);
        var person = $"{user.FirstName} {user.LastName}".Trim();
        var notice = new PaymentDataChanged(changeId, user.Id, person, kind, name, iban, creditor, RunId: runId);
        mail.Queue(user.CompanyId, notice);
        mail.Queue(user.CompanyId, notice with { PersonalRecipient = before.Email });
        if (!string.Equals(DirectoryUser.NormalizeEmail(before.Email), user.NormalizedEmail, StringComparison.Ordinal))
        {
            mail.Queue(user.CompanyId, notice with { PersonalRecipient = user.Email });
        }

        return true;
    }

    private static PaymentFieldChange? Changed(string field, PaymentValue before, PaymentValue after) =>
        before == after ? null : new PaymentFieldChange(before.Masked(field), after.Masked(field));

    /// <summary>Who or what changed it, never a full address: a run by its short id, an admin by a shortened address.</summary>
    private static (string Kind, string Name) Actor(ChangeCause cause) => cause.Kind switch
    {
        ChangeCauseKind.SyncRun => ("sync", cause.Id.Length >= 8 ? cause.Id[..8] : cause.Id),
        ChangeCauseKind.Admin => ("admin", cause.Name.Contains('@', StringComparison.Ordinal) ? Redact.Email(cause.Name) : cause.Name),
        _ => ("system", cause.Name),
    };
}

/// <summary>A user's address and payment data before a change.</summary>
internal sealed record PaymentSnapshot(string Email, PaymentValue Iban, PaymentValue CreditorNumber);
