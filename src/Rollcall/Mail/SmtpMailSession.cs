using System.Net.Sockets;
using System.Security.Cryptography;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Rollcall.Mail;

/// <summary>
/// One SMTP connection (TLS as configured, plain only to a loopback relay, authenticated if a user is set), opened at the
/// first message and kept for the next ones. It is closed with QUIT after <see cref="SmtpOptions.MessagesPerConnection"/>
/// messages, before a relay's own per-connection limit, and replaced when it fails.
/// </summary>
/// <remarks>
/// A reused connection that turns out closed, or whose relay answers 4xx ("too many messages", 421 "closing"), is replaced
/// and the message sent once more on the new one, but only when the relay certainly did not take it: it answered with an
/// error, or the connection failed before any byte of the message was written. A message whose fate is unknown (the
/// connection failed while or after its content was written) and any failure on a fresh connection are thrown as before, so
/// the dispatcher retries them later (ADR-009). Errors become a <see cref="MailDeliveryException"/> whose text names no
/// address: a 5xx answer to a recipient or sender is permanent, the rest transient.
/// </remarks>
internal sealed partial class SmtpMailSession(SmtpOptions smtp, MailMetrics metrics, ILogger log) : IMailSession
{
    private SmtpClient? _client;
    private int _sentOnConnection;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (_client is { IsConnected: true } && _sentOnConnection >= smtp.MessagesPerConnection)
        {
            await CloseAsync();
        }

        var reused = _client is { IsConnected: true };
        var progress = new Written();
        try
        {
            await SendOnceAsync(message, progress, ct);
            return;
        }
        catch (Exception e) when (reused && !ct.IsCancellationRequested && NotTaken(e, progress))
        {
            if (log.IsEnabled(LogLevel.Information))
            {
                var error = e.GetType().Name;
                LogReplaced(log, _sentOnConnection, error);
            }

            Drop();
        }
        catch (Exception e)
        {
            Drop();
            throw Translate(e, ct) ?? e;
        }

        try
        {
            await SendOnceAsync(message, new Written(), ct);
        }
        catch (Exception e)
        {
            Drop();
            throw Translate(e, ct) ?? e;
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync();

    private async Task SendOnceAsync(MimeMessage message, Written progress, CancellationToken ct)
    {
        var client = _client is { IsConnected: true } connected ? connected : await ConnectAsync(ct);
        await client.SendAsync(message, ct, progress);
        _sentOnConnection++;
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken ct)
    {
        Drop();
        var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        _client = client;
        _sentOnConnection = 0;
        if (smtp.CertificateFingerprint is { } pinned)
        {
            var expected = pinned.Replace(":", "", StringComparison.Ordinal);
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None
                || (certificate is not null && string.Equals(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())), expected, StringComparison.OrdinalIgnoreCase));
        }

        await client.ConnectAsync(smtp.Host!, smtp.Port, Socket(smtp.Security), ct);
        metrics.Connected();
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        }

        return client;
    }

    /// <summary>Says goodbye (QUIT, bounded by the client's timeout); a connection that fails at that is simply dropped.</summary>
    private async Task CloseAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception e) when (e is SocketException or IOException or ServiceNotConnectedException or SmtpProtocolException or SmtpCommandException or TimeoutException or OperationCanceledException)
            {
                if (log.IsEnabled(LogLevel.Debug))
                {
                    var error = e.GetType().Name;
                    LogQuitFailed(log, error);
                }
            }
        }

        Drop();
    }

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
        _sentOnConnection = 0;
    }

    /// <summary>The relay certainly does not have the message: it said no for now (4xx), or the connection broke before any of it was written.</summary>
    private static bool NotTaken(Exception e, Written progress) => e switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SocketException or IOException or ServiceNotConnectedException or SmtpProtocolException => !progress.Started,
        _ => false,
    };

    private MailDeliveryException? Translate(Exception e, CancellationToken ct) => e switch
    {
        SmtpCommandException command => new MailDeliveryException(
            $"SMTP server answered {(int)command.StatusCode} to {Describe(command.ErrorCode)}.",
            permanent: (int)command.StatusCode >= 500 && command.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted, e),
        AuthenticationException => new MailDeliveryException("SMTP server refused the configured user and password.", permanent: false, e),
        SslHandshakeException => new MailDeliveryException("TLS with the SMTP server failed (certificate or protocol).", permanent: false, e),
        SocketException or IOException or ServiceNotConnectedException or SmtpProtocolException or TimeoutException
            or OperationCanceledException when !ct.IsCancellationRequested =>
            new MailDeliveryException($"SMTP server {smtp.Host}:{smtp.Port} not reachable ({e.GetType().Name}).", permanent: false, e),
        _ => null,
    };

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    private static string Describe(SmtpErrorCode code) => code switch
    {
        SmtpErrorCode.RecipientNotAccepted => "the recipient",
        SmtpErrorCode.SenderNotAccepted => "the sender",
        SmtpErrorCode.MessageNotAccepted => "the message",
        _ => "a command",
    };

    /// <summary>Whether any byte of the message's content went out on the connection.</summary>
    private sealed class Written : ITransferProgress
    {
        public bool Started { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Started |= bytesTransferred > 0;

        public void Report(long bytesTransferred) => Started |= bytesTransferred > 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP connection failed after {Sent} messages ({Error}); the message goes again on a new connection")]
    private static partial void LogReplaced(ILogger logger, int sent, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMTP connection did not close cleanly ({Error})")]
    private static partial void LogQuitFailed(ILogger logger, string error);
}
