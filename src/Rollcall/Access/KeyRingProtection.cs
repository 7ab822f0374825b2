using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Rollcall.Access;

/// <summary>
/// The certificates that protect the key ring at rest, loaded once from <see cref="KeyRingOptions"/>, with what is wrong
/// with them. A file that is missing, unreadable, without a private key or without an RSA key is a problem, which stops
/// the start (<see cref="KeyRingValidation"/>); a problem names the setting and the file, never the password.
/// </summary>
internal sealed record KeyRingProtection(X509Certificate2? Certificate, IReadOnlyList<X509Certificate2> Previous, IReadOnlyList<string> Problems)
{
    public bool Protected => Certificate is not null;

    public static KeyRingProtection Load(KeyRingOptions options)
    {
        var problems = new List<string>();
        var current = Load($"{KeyRingOptions.Section}:Certificate", options.Certificate, problems);
        var previous = options.PreviousCertificates
            .Select((file, i) => Load($"{KeyRingOptions.Section}:PreviousCertificates:{i}", file, problems))
            .OfType<X509Certificate2>().ToList();
        if (options.PreviousCertificates.Count > 0 && string.IsNullOrWhiteSpace(options.Certificate.Path))
        {
            problems.Add($"{KeyRingOptions.Section}:PreviousCertificates only read old keys; {KeyRingOptions.Section}:Certificate:Path must name the certificate that protects new ones.");
        }

        return new KeyRingProtection(current, previous, problems);
    }

    private static X509Certificate2? Load(string name, KeyRingCertificate file, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(file.Path))
        {
            if (!string.IsNullOrWhiteSpace(file.KeyPath) || !string.IsNullOrEmpty(file.Password))
            {
                problems.Add($"{name}:Path is required with a key path or a password.");
            }

            return null;
        }

        var path = System.IO.Path.GetFullPath(file.Path);
        var keyPath = string.IsNullOrWhiteSpace(file.KeyPath) ? null : System.IO.Path.GetFullPath(file.KeyPath);
        if (new[] { path, keyPath }.OfType<string>().FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            problems.Add($"{name}: there is no file {missing}.");
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = keyPath is null ? X509CertificateLoader.LoadPkcs12FromFile(path, file.Password)
                : string.IsNullOrEmpty(file.Password) ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, file.Password, keyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The exception's text is not repeated: it is about the file, and the password must never be near it.
            problems.Add(keyPath is null
                ? $"{name}: {path} cannot be read as a PKCS#12 (PFX) certificate with the password given (or it cannot be read at all)."
                : $"{name}: {path} and {keyPath} cannot be read as a PEM certificate and its private key (or they cannot be read at all).");
            return null;
        }

        using var rsa = certificate.GetRSAPublicKey();
        if (!certificate.HasPrivateKey)
        {
            problems.Add($"{name}: {path} holds no private key; Rollcall needs it to read the keys the certificate protects.");
        }
        else if (rsa is null)
        {
            problems.Add($"{name}: {path} holds no RSA key; the key ring is encrypted with RSA (XML encryption).");
        }
        else
        {
            return certificate;
        }

        certificate.Dispose();
        return null;
    }
}
