using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.PaymentData;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.PaymentData;

/// <summary>
/// An unchanged run tells unchanged payment data by keyed fingerprints and opens none of it; a fingerprint is trusted
/// only for the sealed text it was made for, so a value replaced behind Rollcall's back is opened and compared.
/// </summary>
public abstract class PaymentFingerprintTests
{
    private const string Iban = "DE89370400440532013000";
    private const string OtherIban = "GB82WEST12345698765432";

    protected abstract string? Provider { get; }

    [Fact]
    public async Task UnchangedRun_OpensNoPaymentValue_AndAChangedIbanIsStillApplied()
    {
        await using var s = await SyncScenario.ConnectedAsync(provider: Provider);
        var greta = await s.HireAsync("Greta", "Berg", "greta@example.test", iban: Iban, personnel: "P-100234", creditor: "K-700991");
        await s.HireAsync("Jonas", "Wolf", "jonas@example.test", iban: OtherIban, personnel: "P-100235");
        await s.SyncAsync();
        var counter = new OpenCounter();

        // A restart: nothing this process sealed is remembered, so every comparison would open the value without fingerprints.
        await using var restarted = s.StartAnotherApp(services: counter.Install);
        var unchanged = await SyncWithAsync(restarted, s);
        var opensUnchanged = counter.Opens;
        await s.PersonioAsync(HttpMethod.Put, $"/{greta}/attributes/{SyncScenario.IbanKey}", new { value = OtherIban });
        var changed = await SyncWithAsync(restarted, s);

        Assert.Equal((RunState.Succeeded, 0), (unchanged.State, unchanged.Updated));
        Assert.Equal(0, opensUnchanged);
        Assert.Equal((RunState.Succeeded, 1), (changed.State, changed.Updated));
        var step = Assert.Single(await s.StepsAsync(changed.Id), st => st.Kind == StepKind.Update);
        Assert.Equal(["iban"], step.Changes.Select(c => c.Field));
        Assert.Equal(OtherIban, restarted.Open((await s.UserOfAsync(greta)).SealedIban));
    }

    [Fact]
    public async Task SealedValueCopiedBehindRollcallsBack_ItsFingerprintIsNotTrusted_TheRunRestoresPersoniosValue()
    {
        await using var s = await SyncScenario.ConnectedAsync(provider: Provider);
        var greta = await s.HireAsync("Greta", "Berg", "greta@example.test", iban: Iban);
        await s.HireAsync("Jonas", "Wolf", "jonas@example.test", iban: OtherIban);
        await s.SyncAsync();
        // Jonas's sealed IBAN copied onto Greta by hand (a restore, a mistaken script): her fingerprints still describe her own.
        await s.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """UPDATE "DirectoryUsers" SET "Iban" = (SELECT "Iban" FROM "DirectoryUsers" WHERE "Email" = 'jonas@example.test') WHERE "Email" = 'greta@example.test'"""));
        Assert.Equal(OtherIban, s.App.Open((await s.UserOfAsync(greta)).SealedIban));

        var run = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 1), (run.State, run.Updated));
        Assert.Equal(Iban, s.App.Open((await s.UserOfAsync(greta)).SealedIban));
        Assert.Equal(0, (await s.SyncAsync()).Updated);
    }

    [Fact]
    public async Task UsersWithoutFingerprints_GetThemOnStart_WithoutAnAuditEntry_AndTheKeyIsStoredSealed()
    {
        await using var s = await SyncScenario.ConnectedAsync(provider: Provider);
        var greta = await s.HireAsync("Greta", "Berg", "greta@example.test", iban: Iban, personnel: "P-100234");
        await s.SyncAsync();
        var made = (await s.UserOfAsync(greta)).PaymentFingerprint;
        // As a version of Rollcall from before fingerprints left them.
        await s.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "DirectoryUsers" SET "PaymentFingerprint" = NULL"""));
        var footprint = await s.DirectoryFootprintAsync();

        await using (var restarted = s.StartAnotherApp())
        {
            Assert.Equal(made, (await s.UserOfAsync(greta)).PaymentFingerprint); // the same key on every start and node
            Assert.Equal(0, await PaymentDataSealing.FingerprintAllAsync(restarted.Services, CancellationToken.None));
        }

        Assert.Equal(footprint.Audit, (await s.DirectoryFootprintAsync()).Audit);
        Assert.Matches(@"^[A-Za-z0-9_-]{30}\.[A-Za-z0-9_-]{30}\.$", made!);
        var secret = await s.App.WithDbAsync(db => db.InstallationSecrets.AsNoTracking().SingleAsync());
        Assert.Equal(PaymentFingerprintKey.SecretName, secret.Name);
        Assert.True(secret.SealedValue.Length > 60); // sealed by the key ring, not 32 bytes in base64
    }

    private static async Task<SyncRun> SyncWithAsync(RollcallApp app, SyncScenario s)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<Rollcall.Sync.SyncEngine>()
            .RunAsync(s.Company.Id, SyncTrigger.Manual, false, null, CancellationToken.None);
        return outcome.Value ?? throw new InvalidOperationException(outcome.Problem?.Detail);
    }

    /// <summary>Counts how often payment data is opened (decrypted) by the app it is installed in.</summary>
    private sealed class OpenCounter
    {
        private int _opens;

        public int Opens => Volatile.Read(ref _opens);

        public void Install(IServiceCollection services) =>
            services.AddSingleton(provider => new PaymentDataSeal(new Counting(provider.GetRequiredService<IDataProtectionProvider>(), this),
                provider.GetRequiredService<PaymentFingerprintKey>()));

        private sealed class Counting(IDataProtectionProvider inner, OpenCounter counter) : IDataProtectionProvider, IDataProtector
        {
            private IDataProtector? _protector;

            public IDataProtector CreateProtector(string purpose) => new Counting(inner, counter) { _protector = inner.CreateProtector(purpose) };

            public byte[] Protect(byte[] plaintext) => _protector!.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref counter._opens);
                return _protector!.Unprotect(protectedData);
            }
        }
    }
}

public sealed class SqlitePaymentFingerprintTests : PaymentFingerprintTests
{
    protected override string? Provider => null;
}

public sealed class PostgresPaymentFingerprintTests : PaymentFingerprintTests
{
    protected override string? Provider => "Postgres";
}
