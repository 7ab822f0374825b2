namespace Rollcall.Mail;

/// <summary>Shortened forms of addresses and tokens for logs and error texts: enough to tell them apart, never the whole.</summary>
public static partial class Redact
{
    /// <summary><c>anna.schmidt@acme.de</c> → <c>a•••@acme.de</c>.</summary>
    public static string Email(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "";
        }

        var at = email.LastIndexOf('@');
        return at <= 0 ? "•••" : $"{email[0]}•••{email[at..]}";
    }

    /// <summary>Any email address in a text (e.g. an SMTP server's answer) replaced by its shortened form.</summary>
    public static string EmailsIn(string text) => EmailAddress().Replace(text, m => Email(m.Value));

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s<>""'(),;:]+@[^\s<>""'(),;:]+")]
    private static partial System.Text.RegularExpressions.Regex EmailAddress();
}
