using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using Rollcall.Data.Companies;
using Rollcall.Data.Outbox;
using Rollcall.Mail.Notifications;

namespace Rollcall.Mail;

/// <summary>
/// Renders an outbox message as a MIME message, plain text and HTML, in the company's language. The Message-ID is
/// derived from the outbox row, so a message sent twice (a crash between sending and recording it) is recognisably
/// the same message to every mail system on the way.
/// </summary>
internal sealed class MailComposer(IOptions<MailOptions> options, TimeProvider time)
{
    public static string MessageIdOf(Guid outboxId) => $"{outboxId:N}@rollcall";

    /// <summary>Names the company a message belongs to, so the demo mailbox shows an admin only their companies' mail.</summary>
    public const string CompanyHeader = "X-Rollcall-Company";

    public MimeMessage Invitation(OutboxMessage message, Company company, InvitationRecipient person, Uri link, DateTime expiresAtUtc, IReadOnlyList<MailboxAddress> admins)
    {
        var template = MailTemplates.Invitation(company.Language);
        var culture = CultureOf(company.Language);
        var until = $"{TimeZoneInfo.ConvertTimeFromUtc(expiresAtUtc, TimeZoneOf(company)).ToString("f", culture)} ({company.TimeZone})";
        var note = message.TestMode ? string.Format(culture, MailTemplates.TestModeNote(company.Language), $"{person.Name} <{person.Email}>") : null;
        var mime = Compose(message, company, string.Format(culture, template.Subject, company.Name), string.Format(culture, template.Greeting, company.Name, person.Name),
            string.Format(culture, template.Body, company.Name, person.Name, until), template.Action, link, null, note, string.Format(culture, template.Footer, company.Name));
        if (message.TestMode)
        {
            mime.To.AddRange(admins);
            mime.Subject = $"[Test] {mime.Subject}";
        }
        else
        {
            mime.To.Add(new MailboxAddress(person.Name, person.Email));
        }

        return mime;
    }

    /// <summary>
    /// An admin notification, worded from the arguments it was queued with; a row queued before notifications were typed
    /// is worded as it was then, its English detail as a line of its own.
    /// </summary>
    public MimeMessage Notification(OutboxMessage message, Company company, IReadOnlyList<MailboxAddress> admins)
    {
        var notification = AdminNotifications.Read(message.Topic, message.Detail);
        var text = notification?.Text(company.Language) ?? LegacyNotification.Text(message.Topic, company.Language);
        var personal = notification?.PersonalRecipient;
        var template = MailTemplates.Notification(text, company.Language, personal is not null);
        var detail = notification is null ? LegacyNotification.DetailLine(message.Detail, company.Language) : null;
        var link = personal is not null
            ? options.Value.LinkTo(notification!.Link.TrimStart('/'))
            : options.Value.LinkTo($"companies/{message.CompanyId}/{notification?.Link ?? LegacyNotification.LinkOf(message.Topic, message.RunId)}");
        var culture = CultureOf(company.Language);
        var mime = Compose(message, company, string.Format(culture, template.Subject, company.Name), template.Greeting, template.Body, template.Action, link,
            detail, null, string.Format(culture, template.Footer, company.Name));
        if (personal is not null)
        {
            mime.To.Add(MailboxAddress.Parse(personal));
        }
        else
        {
            mime.To.AddRange(admins);
        }

        return mime;
    }

    private MimeMessage Compose(OutboxMessage message, Company company, string subject, string greeting, string body, string action, Uri link,
        string? detail, string? note, string footer)
    {
        var mime = new MimeMessage
        {
            MessageId = MessageIdOf(message.Id),
            Subject = subject,
            Date = time.GetUtcNow(),
        };
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Headers.Add(CompanyHeader, message.CompanyId.ToString());
        mime.Headers.Add("Content-Language", company.Language == CompanyLanguage.De ? "de" : "en");

        var text = string.Join("\n\n", new[] { note, greeting, body, detail, $"{action}:\n{link}", "-- \n" + footer }.Where(p => p is not null));
        var html = $"""
            <!DOCTYPE html>
            <html lang="{(company.Language == CompanyLanguage.De ? "de" : "en")}"><body style="font-family: sans-serif; line-height: 1.5; max-width: 36em">
            {(note is null ? "" : $"<p style=\"background:#fff3cd;padding:.5em\">{Encode(note)}</p>")}
            <p>{Encode(greeting)}</p>
            <p>{Encode(body)}</p>
            {(detail is null ? "" : $"<p>{Encode(detail)}</p>")}
            <p><a href="{Encode(link.AbsoluteUri)}" style="display:inline-block;padding:.6em 1.2em;background:#1f4e79;color:#fff;text-decoration:none;border-radius:4px">{Encode(action)}</a></p>
            <p style="color:#555;font-size:.9em">{Encode(link.AbsoluteUri)}</p>
            <p style="color:#555;font-size:.9em">{Encode(footer)}</p>
            </body></html>
            """;
        mime.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return mime;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static CultureInfo CultureOf(CompanyLanguage language) => CultureInfo.GetCultureInfo(language == CompanyLanguage.De ? "de-DE" : "en-GB");

    private static TimeZoneInfo TimeZoneOf(Company company) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(company.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}

internal sealed record InvitationRecipient(string Name, string Email);
