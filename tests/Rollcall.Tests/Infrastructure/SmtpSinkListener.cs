using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// The SmtpServer library's endpoint listener, but with Nagle's algorithm off on every accepted connection.
/// </summary>
/// <remarks>
/// The library answers each pipelined command with its own small write: MailKit sends MAIL FROM and RCPT TO in one
/// segment, the server writes "250" for MAIL, then "250" for RCPT. With Nagle on, the second write waits until the client
/// acknowledges the first, and the client delays that acknowledgement (40 ms on Linux): every message cost ~45 ms on
/// loopback whatever the client did. The library's own listener keeps its socket private, so this one accepts the socket
/// itself and sets <see cref="Socket.NoDelay"/>; the rest (TLS upgrade, pipes) does what the library's does.
/// </remarks>
internal sealed class SmtpSinkListenerFactory : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var socket = await listener.AcceptSocketAsync(cancellationToken);
            socket.NoDelay = true;
            context.Properties[EndpointListener.LocalEndPointKey] = listener.LocalEndpoint;
            context.Properties[EndpointListener.RemoteEndPointKey] = socket.RemoteEndPoint!;
            return new Connection(socket);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class Connection : ISecurableDuplexPipe
    {
        private readonly Socket _socket;
        private Stream _stream;

        public Connection(Socket socket)
        {
            _socket = socket;
            _stream = new NetworkStream(socket, ownsSocket: true);
            Input = PipeReader.Create(_stream);
            Output = PipeWriter.Create(_stream);
        }

        public PipeReader Input { get; private set; }

        public PipeWriter Output { get; private set; }

        public bool IsSecure => _stream is SslStream;

        public SslProtocols SslProtocol => (_stream as SslStream)?.SslProtocol ?? SslProtocols.None;

        public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
        {
            var tls = new SslStream(_stream, leaveInnerStreamOpen: true);
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateRequired = false,
                    EnabledSslProtocols = protocols,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                }, cancellationToken);
            }
            catch
            {
                await tls.DisposeAsync();
                throw;
            }

            _stream = tls;
            Input = PipeReader.Create(_stream);
            Output = PipeWriter.Create(_stream);
        }

        public void Dispose()
        {
            _stream.Dispose();
            _socket.Dispose();
        }
    }
}
