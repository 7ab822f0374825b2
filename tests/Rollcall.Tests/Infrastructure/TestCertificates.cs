using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Rollcall.Tests.Infrastructure;

/// <summary>Self-signed certificates written to a temp folder of their own, as an operator would hand them to Rollcall.</summary>
public sealed class TestCertificates : IDisposable
{
    private static readonly DateTimeOffset NotBefore = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string Folder { get; } = System.IO.Directory.CreateTempSubdirectory("rollcall-certificates-").FullName;

    /// <summary>An RSA certificate with its private key, as a PFX file protected by <paramref name="password"/>; its path.</summary>
    public string RsaPfx(string name, string password)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = Request(name, rsa).CreateSelfSigned(NotBefore, NotAfter);
        return Write($"{name}.pfx", certificate.Export(X509ContentType.Pkcs12, password));
    }

    /// <summary>The same kind of certificate as PEM files: the certificate and its unencrypted private key.</summary>
    public (string Certificate, string Key) RsaPem(string name)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = Request(name, rsa).CreateSelfSigned(NotBefore, NotAfter);
        return (Write($"{name}.crt", System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem())),
            Write($"{name}.key", System.Text.Encoding.ASCII.GetBytes(rsa.ExportPkcs8PrivateKeyPem())));
    }

    /// <summary>A PFX file that holds the certificate only, without its private key.</summary>
    public string PublicOnlyPfx(string name, string password)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = Request(name, rsa).CreateSelfSigned(NotBefore, NotAfter);
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        return Write($"{name}.pfx", publicOnly.Export(X509ContentType.Pkcs12, password));
    }

    /// <summary>A certificate with an ECDSA key, which XML encryption of the key ring cannot use.</summary>
    public string EcdsaPfx(string name, string password)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest($"CN={name}", ecdsa, HashAlgorithmName.SHA256).CreateSelfSigned(NotBefore, NotAfter);
        return Write($"{name}.pfx", certificate.Export(X509ContentType.Pkcs12, password));
    }

    public void Dispose() => System.IO.Directory.Delete(Folder, recursive: true);

    private static CertificateRequest Request(string name, RSA rsa) =>
        new($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private string Write(string file, byte[] content)
    {
        var path = Path.Combine(Folder, file);
        File.WriteAllBytes(path, content);
        return path;
    }
}
