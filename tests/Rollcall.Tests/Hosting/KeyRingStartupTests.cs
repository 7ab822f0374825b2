using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Hosting;

/// <summary>Rollcall refuses to start on a key ring certificate it cannot use, or without one when protection is required; it never repeats the password.</summary>
public sealed class KeyRingStartupTests
{
    private const string Password = "pfx-password-never-echoed";

    public static TheoryData<string, string> Refusals { get; } = new()
    {
        { "missing", "there is no file" },
        { "wrong-password", "cannot be read as a PKCS#12 (PFX) certificate" },
        { "no-private-key", "holds no private key" },
        { "ecdsa", "holds no RSA key" },
        { "required", "DataProtection:RequireProtection is true, but no DataProtection:Certificate:Path" },
        { "previous-only", "DataProtection:Certificate:Path must name the certificate that protects new ones" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Start_KeyRingCannotBeProtectedAsConfigured_StopsWithOneClearLine(string problem, string expected)
    {
        using var certificates = new TestCertificates();
        string[] args = problem switch
        {
            "missing" => ["--DataProtection:Certificate:Path=" + Path.Combine(certificates.Folder, "absent.pfx"), "--DataProtection:Certificate:Password=" + Password],
            "wrong-password" => ["--DataProtection:Certificate:Path=" + certificates.RsaPfx("keys", "the-right-one"), "--DataProtection:Certificate:Password=" + Password],
            "no-private-key" => ["--DataProtection:Certificate:Path=" + certificates.PublicOnlyPfx("keys", Password), "--DataProtection:Certificate:Password=" + Password],
            "ecdsa" => ["--DataProtection:Certificate:Path=" + certificates.EcdsaPfx("keys", Password), "--DataProtection:Certificate:Password=" + Password],
            "required" => ["--DataProtection:RequireProtection=true"],
            _ => ["--DataProtection:PreviousCertificates:0:Path=" + certificates.RsaPfx("old", Password), "--DataProtection:PreviousCertificates:0:Password=" + Password],
        };
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-start-").FullName;
        try
        {
            var result = await RollcallProcess.RunAsync(folder, args);

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Rollcall cannot start:", line);
            Assert.Contains(expected, line);
            Assert.DoesNotContain(Password, result.Error + result.Output);
            Assert.False(System.IO.Directory.Exists(Path.Combine(folder, "data")), "Nothing may be created before the configuration is valid");
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
