using Rollcall.Data.Outbox;

namespace Rollcall.Mail;

/// <summary>
/// What the dispatcher asks about invitation messages before and after sending them, a batch at a time. The outbox knows
/// no invitation rules: <c>Invitations/</c> decides whether an invitation still stands, makes its link, and records the
/// outcome.
/// </summary>
internal interface IInvitationLetters
{
    /// <summary>
    /// The letter for each invitation message of <paramref name="messages"/> (by message id), with the link's expiry
    /// counted from <paramref name="sendingAt"/>: ready to send, not wanted any more (<see cref="InvitationLetter.NotWanted"/>,
    /// the message is cancelled), or impossible to send (<see cref="InvitationLetter.Unsendable"/>, the message fails).
    /// </summary>
    Task<IReadOnlyDictionary<Guid, InvitationLetter>> PrepareAsync(IReadOnlyCollection<OutboxMessage> messages, DateTime sendingAt, CancellationToken ct);

    /// <summary>These invitation messages' outcomes were recorded (inside that transaction): a sent or cancelled invitation drops its token.</summary>
    Task RecordAsync(IReadOnlyCollection<LetterOutcome> outcomes, CancellationToken ct);
}

/// <summary>An invitation ready to send (recipient, link, expiry), or why it is no longer wanted, or why it cannot be sent.</summary>
internal sealed record InvitationLetter(
    string? NotWanted, InvitationRecipient? Recipient = null, Uri? Link = null, DateTime ExpiresAt = default, string? Unsendable = null)
{
    public static InvitationLetter Cancel(string why) => new(why);

    public static InvitationLetter Broken(string why) => new(null, Unsendable: why);
}

/// <summary>The recorded outcome of one invitation message, with the letter it was sent with (if it was).</summary>
internal sealed record LetterOutcome(OutboxMessage Message, MessageState State, InvitationLetter? Letter);
