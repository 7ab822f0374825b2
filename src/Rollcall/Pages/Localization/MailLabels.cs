using System.Globalization;
using Microsoft.Extensions.Localization;
using Rollcall.Data.Outbox;
using Rollcall.Mail;
using Rollcall.Mail.Notifications;

namespace Rollcall.Pages.Localization;

/// <summary>
/// The English words for the mail page's codes; they are the keys to translate. Resource keys ignore case, so "Held"
/// shares the step status's text (as <see cref="Labels"/> does for "Deactivated").
/// </summary>
internal static class MailLabels
{
    public static string Of(MailFilter filter) => filter switch
    {
        MailFilter.Pending => "waiting",
        MailFilter.Held => "Held",
        MailFilter.Failed => "failed",
        MailFilter.Sent => "sent",
        MailFilter.Cancelled => "cancelled",
        _ => "all",
    };

    public static string Of(MessageState state, bool held) => state switch
    {
        MessageState.Pending when held => "Held",
        MessageState.Pending => "waiting",
        MessageState.Sent => "sent",
        MessageState.Failed => "failed",
        _ => "cancelled",
    };

    public static string OfHoldReason(string reason) => reason switch
    {
        HoldReasons.DomainNotAllowed => "domain not on the allow-list",
        HoldReasons.OverRunCap => "over the per-run cap",
        _ => reason,
    };

    /// <summary>A message's topic in the page's language: invitations by the page's words, notifications by their kind's label.</summary>
    public static string OfTopic(IStringLocalizer t, string? topic) => topic == MailTopics.Invitation
        ? t["Invitation"]
        : AdminNotifications.LabelOf(topic)?.In(CultureInfo.CurrentUICulture) ?? topic ?? "";
}
