using System.Net.Sockets;
using System.Security.Cryptography;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Rollcall.Mail;

/// <summary>
/// SMTP through MailKit: one connection per message, TLS as configured (plain only to a loopback relay). Errors become a
/// <see cref="MailDeliveryException"/> whose text names no address: a 5xx answer to a recipient is permanent, the rest transient.
/// </summary>
internal sealed class SmtpMailDelivery(IOptions<MailOptions> options) : IMailDelivery
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        if (smtp.CertificateFingerprint is { } pinned)
        {
            var expected = pinned.Replace(":", "", StringComparison.Ordinal);
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None
                || (certificate is not null && string.Equals(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())), expected, StringComparison.OrdinalIgnoreCase));
        }

        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, Socket(smtp.Security), ct);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
            }

            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException e)
        {
            var permanent = (int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted;
            throw new MailDeliveryException($"SMTP server answered {(int)e.StatusCode} to {Describe(e.ErrorCode)}.", permanent, e);
        }
        catch (AuthenticationException e)
        {
            throw new MailDeliveryException("SMTP server refused the configured user and password.", permanent: false, e);
        }
        catch (SslHandshakeException e)
        {
            throw new MailDeliveryException("TLS with the SMTP server failed (certificate or protocol).", permanent: false, e);
        }
        catch (Exception e) when (e is SocketException or IOException or ServiceNotConnectedException or SmtpProtocolException or TimeoutException
                                      or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new MailDeliveryException($"SMTP server {smtp.Host}:{smtp.Port} not reachable ({e.GetType().Name}).", permanent: false, e);
        }
    }

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
}
