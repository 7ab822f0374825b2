using Rollcall.Data.Outbox;

namespace Rollcall.Mail;

/// <summary>
/// What the dispatcher asks about an invitation message before and after sending it. The outbox knows no invitation
/// rules: <c>Invitations/</c> decides whether the invitation still stands, makes its link, and records the outcome.
/// </summary>
internal interface IInvitationLetters
{
    /// <summary>
    /// The letter to send, with the link's expiry counted from <paramref name="sendingAt"/>; or, in
    /// <see cref="InvitationLetter.NotWanted"/>, why the message should be cancelled instead. Throws
    /// <see cref="MailDeliveryException"/> (permanent) when the link can no longer be made.
    /// </summary>
    Task<InvitationLetter> PrepareAsync(OutboxMessage message, DateTime sendingAt, CancellationToken ct);

    /// <summary>The message's outcome was recorded (inside that transaction): a sent or cancelled invitation drops its token.</summary>
    Task RecordAsync(OutboxMessage message, MessageState state, InvitationLetter? letter, CancellationToken ct);
}

/// <summary>An invitation ready to send (recipient, link, expiry), or why it is no longer wanted.</summary>
internal sealed record InvitationLetter(string? NotWanted, InvitationRecipient? Recipient = null, Uri? Link = null, DateTime ExpiresAt = default)
{
    public static InvitationLetter Cancel(string why) => new(why);
}
