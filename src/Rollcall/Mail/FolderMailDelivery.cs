using Microsoft.Extensions.Options;
using MimeKit;

namespace Rollcall.Mail;

/// <summary>
/// The embedded default: each message becomes <c>{Folder}/{Message-ID}.eml</c>, written to a temporary file and moved into
/// place, so a reader never sees half a message and sending the same message twice leaves one file.
/// </summary>
internal sealed class FolderMailDelivery(IOptions<MailOptions> options) : IMailDelivery
{
    public IMailSession Open() => new Session(this);

    private async Task WriteAsync(MimeMessage message, CancellationToken ct)
    {
        var folder = Path.GetFullPath(options.Value.Folder);
        System.IO.Directory.CreateDirectory(folder);
        var name = $"{FileNameOf(message.MessageId ?? Guid.NewGuid().ToString("N"))}.eml";
        var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        await using (var file = File.Create(temporary))
        {
            await message.WriteToAsync(file, ct);
        }

        File.Move(temporary, Path.Combine(folder, name), overwrite: true);
    }

    private sealed class Session(FolderMailDelivery folder) : IMailSession
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) => folder.WriteAsync(message, ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static string FileNameOf(string messageId) =>
        string.Concat(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
