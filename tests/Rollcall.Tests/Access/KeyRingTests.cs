using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.Access;

/// <summary>
/// The Data Protection key ring, which decrypts the stored Personio secrets: encrypted at rest by a configured
/// certificate, read by every node that has it (and by the previous certificate after a rotation), and a warning at
/// start when nothing protects it.
/// </summary>
public sealed class KeyRingTests
{
    private const string Password = "pfx-password-7f3a";

    private static Dictionary<string, string?> Protected(string path, string password = Password) => new()
    {
        ["DataProtection:Certificate:Path"] = path,
        ["DataProtection:Certificate:Password"] = password,
        ["DataProtection:RequireProtection"] = "true",
    };

    private static Task<List<string>> KeyRingAsync(RollcallApp app) =>
        app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

    private static int UnprotectedWarnings(RollcallApp app) =>
        app.Logs.GetSnapshot().Count(r => r.Id.Id == 2001 && r.Level == LogLevel.Warning);

    private static async Task<SyncRun> SyncNowAsync(RollcallApp app, SyncScenario s)
    {
        var response = await app.ApiClient(s.Company.ApiKey).PostAsync($"{s.Base}/sync", null);
        var body = await response.ReadJsonAsync(HttpStatusCode.Accepted);
        return await PageKit.FinishedRunAsync(app, Guid.Parse(body["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Certificate_KeysStoredEncrypted_AnotherNodeWithTheSameCertificateReadsTheSecret()
    {
        using var certificates = new TestCertificates();
        var settings = Protected(certificates.RsaPfx("rollcall-keys", Password));
        await using var s = await SyncScenario.ConnectedAsync(settings);
        await s.HireAsync("Anna", "Schmidt", "anna@example.test");
        Assert.Equal(1, (await s.SyncAsync()).Created);

        var keys = await KeyRingAsync(s.App);
        await using var other = s.StartAnotherApp(captureLogs: true);
        await s.HireAsync("Ben", "Bauer", "ben@example.test");
        var run = await SyncNowAsync(other, s);

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml); // the key's plain form
        });
        Assert.Equal((RunState.Succeeded, 1), (run.State, run.Created));
        Assert.Equal(["anna@example.test", "ben@example.test"], (await s.PersonioUsersAsync()).Select(u => u.Email).Order());
        Assert.Equal(0, UnprotectedWarnings(other));
    }

    [Fact]
    public async Task CertificateAsPemFiles_KeysStoredEncryptedAndTheSecretRead()
    {
        using var certificates = new TestCertificates();
        var (certificate, key) = certificates.RsaPem("rollcall-keys-pem");
        await using var s = await SyncScenario.ConnectedAsync(new Dictionary<string, string?>
        {
            ["DataProtection:Certificate:Path"] = certificate,
            ["DataProtection:Certificate:KeyPath"] = key,
        });
        await s.HireAsync("Anna", "Schmidt", "anna@example.test");

        var run = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 1), (run.State, run.Created));
        Assert.All(await KeyRingAsync(s.App), xml => Assert.Contains("<encryptedSecret", xml));
    }

    [Fact]
    public async Task CertificateRotated_ThePreviousOneStillReadsOldKeys_WithoutItTheSecretIsUnreadable()
    {
        using var certificates = new TestCertificates();
        var old = certificates.RsaPfx("rollcall-keys-2025", Password);
        var current = certificates.RsaPfx("rollcall-keys-2026", "another-pfx-password");
        await using var s = await SyncScenario.ConnectedAsync(Protected(old));
        await s.HireAsync("Anna", "Schmidt", "anna@example.test");

        SyncRun rotatedRun;
        await using (var rotated = s.StartAnotherApp(new Dictionary<string, string?>(Protected(current, "another-pfx-password"))
        {
            ["DataProtection:PreviousCertificates:0:Path"] = old,
            ["DataProtection:PreviousCertificates:0:Password"] = Password,
        }))
        {
            rotatedRun = await SyncNowAsync(rotated, s);
        }

        await using var withoutOld = s.StartAnotherApp(Protected(current, "another-pfx-password"));
        var integration = await withoutOld.ApiClient(s.Company.ApiKey).GetFromJsonAsync<IntegrationView>(s.Base);

        Assert.Equal((RunState.Succeeded, 1), (rotatedRun.State, rotatedRun.Created));
        Assert.Equal("secretUnreadable", integration!.State);
    }

    [Fact]
    public async Task KeysFolder_KeysWrittenThereEncrypted_NoneInTheDatabase()
    {
        using var certificates = new TestCertificates();
        var folder = Path.Combine(certificates.Folder, "shared-keys");
        await using var app = RollcallApp.Start(settings: new Dictionary<string, string?>(Protected(certificates.RsaPfx("rollcall-keys", Password)))
        {
            ["DataProtection:KeysFolder"] = folder,
        });

        var secrets = app.Services.GetRequiredService<PersonioSecrets>();
        var stored = secrets.Protect("papi-secret-in-a-folder");

        var file = Assert.Single(System.IO.Directory.GetFiles(folder, "key-*.xml"));
        Assert.Contains("<encryptedSecret", await File.ReadAllTextAsync(file));
        Assert.Empty(await KeyRingAsync(app));
        Assert.Equal("papi-secret-in-a-folder",
            secrets.Read(new PersonioIntegration { ClientId = "papi-client", EncryptedSecret = stored }).Credentials!.ClientSecret);
    }

    [Fact]
    public async Task NoCertificate_OneWarningAtStart_AndTheKeysLieInClear()
    {
        await using var app = RollcallApp.Start(captureLogs: true);
        app.Services.GetRequiredService<PersonioSecrets>().Protect("a secret that makes the first key");

        var warning = Assert.Single(app.Logs.GetSnapshot(), r => r.Id.Id == 2001);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("not encrypted at rest", warning.Message);
        Assert.Contains("DataProtection:Certificate:Path", warning.Message);
        Assert.Contains("<masterKey", Assert.Single(await KeyRingAsync(app)));
    }

    private sealed record IntegrationView(string State);
}
