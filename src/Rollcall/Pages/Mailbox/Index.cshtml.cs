using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MimeKit;
using Microsoft.EntityFrameworkCore;
using Rollcall.Access;
using Rollcall.Companies;
using Rollcall.Mail;

namespace Rollcall.Pages.Mailbox;

/// <summary>
/// The folder sink's messages, newest first, for the demo (<c>Mail:ShowMailbox</c>): a newcomer sees the invitations
/// Rollcall sent and can follow their links. Only messages of companies the signed-in account administers are shown
/// (they carry their company in a header), so even a mistakenly enabled mailbox leaks nothing across companies. 404 when
/// the option is off.
/// </summary>
internal sealed class IndexModel(IOptions<MailOptions> options, Rollcall.Data.RollcallDbContext db) : PageModel
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
        var companies = (await db.AdministeredBy(User.AccountId()).Select(c => c.Id).ToListAsync(ct)).Select(c => c.ToString()).ToHashSet();
        var entries = new List<Entry>();
        foreach (var file in files)
        {
            var entry = await ReadAsync(file, ct);
            if (entry.CompanyId is { } company && companies.Contains(company))
            {
                entries.Add(entry);
            }
        }

        Total = entries.Count;
        Messages = entries.Take(Shown).ToList();
        if (id is not null)
        {
            Opened = entries.FirstOrDefault(e => e.Id == id);
            if (Opened is null)
            {
                return NotFound();
            }
        }

        return Page();
    }

    private static async Task<Entry> ReadAsync(FileInfo file, CancellationToken ct)
    {
        using var message = await MimeMessage.LoadAsync(file.FullName, ct);
        return new Entry(Path.GetFileNameWithoutExtension(file.Name), message.Date, string.Join(", ", message.To.Mailboxes.Select(m => m.Address)),
            message.Subject ?? "", message.TextBody ?? "", message.Headers[MailComposer.CompanyHeader]);
    }

    public sealed record Entry(string Id, DateTimeOffset Date, string To, string Subject, string Text, string? CompanyId);
}
