using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Storage;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer library): Rollcall's MailKit client talks SMTP to it over TCP.
/// It can be taken down and brought back on the same port, slowed down, told to refuse some recipients, or to take only so
/// many messages per connection (then answer 421 and close, answer 452, or drop the connection without a word).
/// Its connections run without Nagle's algorithm (<see cref="SmtpSinkListenerFactory"/>), so a message costs what the
/// server does, not a delayed acknowledgement.
/// Shared with the benchmarks, so it does not use the test framework.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string MessagesOnConnection = "rollcall-sink-messages";
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private int _connections;
    private CancellationTokenSource? _running;
    private SmtpServer.SmtpServer? _server;

    private readonly (string User, string Password)? _login;
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2? _certificate;
    private readonly bool _startTls;

    private SmtpSink(int port, (string User, string Password)? login, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, bool startTls)
    {
        Port = port;
        _login = login;
        _certificate = certificate;
        _startTls = startTls;
    }

    public int Port { get; }

    /// <summary>Time the server takes to store each message, before it answers 250.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Recipients (by address) answered with 550.</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<MimeMessage> Messages => _received.ToArray();

    /// <summary>Connections the server accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Messages one connection may carry; the next MAIL FROM on it meets <see cref="AtLimit"/>. Null: no limit.</summary>
    public int? MessagesPerConnection { get; set; }

    public ConnectionLimit AtLimit { get; set; } = ConnectionLimit.Answer421AndClose;

    /// <summary>
    /// A server on a free loopback port; with <paramref name="login"/> it demands AUTH with that user and password, with
    /// <paramref name="certificate"/> it speaks TLS from the first byte (SMTPS), or after STARTTLS with <paramref name="startTls"/>.
    /// </summary>
    public static SmtpSink Start(
        (string User, string Password)? login = null, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null, bool startTls = false)
    {
        var sink = new SmtpSink(LoopbackPort.Free(), login, certificate, startTls);
        sink.Up();
        return sink;
    }

    /// <summary>Rollcall's settings to send through this server.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Mail:Delivery"] = "Smtp",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
        ["Mail:Smtp:Timeout"] = "00:00:05",
        ["Mail:From"] = "Rollcall <rollcall@rollcall.example>",
        ["Mail:PublicBaseUrl"] = "https://rollcall.example",
    };

    public void Up()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
                if (_login is not null)
                {
                    endpoint.AuthenticationRequired(true).AllowUnsecureAuthentication(true);
                }

                if (_certificate is not null)
                {
                    endpoint.IsSecure(!_startTls).Certificate(_certificate);
                }
            })
            .Build();
        var services = new ServiceProvider();
        services.Add(new SmtpSinkListenerFactory());
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (_login is { } login)
        {
            services.Add(new Authenticator(login.User, login.Password));
        }
        _running = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _connections);
        _ = _server.StartAsync(_running.Token);
    }

    /// <summary>Stops listening: connections are refused until <see cref="Up"/>.</summary>
    public async Task DownAsync()
    {
        if (_server is { } server && _running is { } running)
        {
            await running.CancelAsync();
            server.Shutdown();
            await server.ShutdownTask;
            running.Dispose();
            _server = null;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived (or fails after the timeout).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_received.Count < count)
        {
            if (waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"Expected {count} messages, got {_received.Count}.");
            }

            await Task.Delay(50);
        }

        return Messages;
    }

    public async ValueTask DisposeAsync() => await DownAsync();


    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (sink.Delay > TimeSpan.Zero)
            {
                await Task.Delay(sink.Delay, CancellationToken.None);
            }

            using var stream = new MemoryStream(buffer.ToArray());
            sink._received.Enqueue(await MimeMessage.LoadAsync(stream, CancellationToken.None));
            context.Properties[MessagesOnConnection] = (context.Properties.TryGetValue(MessagesOnConnection, out var count) ? (int)count : 0) + 1;
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }

    private sealed class Authenticator(string user, string password) : SmtpServer.Authentication.IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user1, string password1, CancellationToken cancellationToken) =>
            Task.FromResult(user1 == user && password1 == password);
    }

    private sealed class Filter(SmtpSink sink) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, SmtpServer.Mail.IMailbox from, int size, CancellationToken cancellationToken)
        {
            var carried = context.Properties.TryGetValue(MessagesOnConnection, out var count) ? (int)count : 0;
            if (sink.MessagesPerConnection is { } limit && carried >= limit)
            {
                throw sink.AtLimit switch
                {
                    ConnectionLimit.Answer421AndClose => new SmtpServer.Protocol.SmtpResponseException(
                        new SmtpServer.Protocol.SmtpResponse((SmtpServer.Protocol.SmtpReplyCode)421, "4.7.0 Too many messages on this connection"), quit: true),
                    ConnectionLimit.Answer452 => new SmtpServer.Protocol.SmtpResponseException(
                        new SmtpServer.Protocol.SmtpResponse((SmtpServer.Protocol.SmtpReplyCode)452, "4.5.3 Too many messages on this connection")),
                    _ => new IOException("The sink drops the connection without an answer."),
                };
            }

            return Task.FromResult(true);
        }

        public Task<bool> CanDeliverToAsync(ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!sink.Refused.ContainsKey($"{to.User}@{to.Host}"));
    }
}

/// <summary>What <see cref="SmtpSink"/> does with a message beyond its per-connection limit.</summary>
public enum ConnectionLimit
{
    /// <summary>421 to MAIL FROM, then the connection is closed.</summary>
    Answer421AndClose,

    /// <summary>452 to MAIL FROM; the connection stays open and refuses every further message.</summary>
    Answer452,

    /// <summary>The connection is closed at MAIL FROM without an answer.</summary>
    Drop,
}
