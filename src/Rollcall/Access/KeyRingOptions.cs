namespace Rollcall.Access;

/// <summary>
/// Where ASP.NET Core Data Protection keeps its key ring (the keys behind the stored Personio secrets, invitation links
/// and session cookies) and what protects it at rest. Section <c>DataProtection</c>.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A folder for the key ring, shared by every node (a mounted volume); empty: the database.</summary>
    public string? KeysFolder { get; set; }

    /// <summary>The certificate whose public key encrypts each new key, and whose private key reads them.</summary>
    public KeyRingCertificate Certificate { get; set; } = new();

    /// <summary>Certificates that protected keys before a rotation: they only read those keys.</summary>
    public List<KeyRingCertificate> PreviousCertificates { get; set; } = [];

    /// <summary>Refuse to start unless a certificate protects the key ring.</summary>
    public bool RequireProtection { get; set; }
}

/// <summary>A certificate with its RSA private key: a PKCS#12 (PFX) file and its password, or PEM files (certificate and key).</summary>
public sealed class KeyRingCertificate
{
    /// <summary>The PFX file, or the PEM certificate when <see cref="KeyPath"/> is set.</summary>
    public string? Path { get; set; }

    /// <summary>The PEM private key; empty for a PFX file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PFX file's password, or the encrypted PEM key's.</summary>
    public string? Password { get; set; }
}
