using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MimeKit;
using Rollcall.Mail;

namespace Rollcall.Pages.Mailbox;

/// <summary>
/// The folder sink's messages, newest first, for the demo (<c>Mail:ShowMailbox</c>): a newcomer sees the invitations
/// Rollcall sent and can follow their links. 404 when the option is off.
/// </summary>
internal sealed class IndexModel(IOptions<MailOptions> options) : PageModel
{
    public const int Shown = 200;

    public IReadOnlyList<Entry> Messages { get; private set; } = [];
    public Entry? Opened { get; private set; }
    public int Total { get; private set; }
    public string Folder { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        if (!options.Value.ShowMailbox)
        {
            return NotFound();
        }

        Folder = Path.GetFullPath(options.Value.Folder);
        var files = System.IO.Directory.Exists(Folder)
            ? new DirectoryInfo(Folder).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).ToList()
            : [];
        Total = files.Count;
        var entries = new List<Entry>();
        foreach (var file in files.Take(Shown))
        {
            entries.Add(await ReadAsync(file, ct));
        }

        Messages = entries;
        if (id is not null)
        {
            var file = files.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f.Name) == id);
            if (file is null)
            {
                return NotFound();
            }

            Opened = await ReadAsync(file, ct);
        }

        return Page();
    }

    private static async Task<Entry> ReadAsync(FileInfo file, CancellationToken ct)
    {
        using var message = await MimeMessage.LoadAsync(file.FullName, ct);
        return new Entry(Path.GetFileNameWithoutExtension(file.Name), message.Date, string.Join(", ", message.To.Mailboxes.Select(m => m.Address)),
            message.Subject ?? "", message.TextBody ?? "");
    }

    public sealed record Entry(string Id, DateTimeOffset Date, string To, string Subject, string Text);
}
