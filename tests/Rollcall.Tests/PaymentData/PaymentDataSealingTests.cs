using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Companies;
using Rollcall.Data.Sync;
using Rollcall.PaymentData;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.PaymentData;

/// <summary>
/// IBAN, personnel and creditor number are stored sealed; a database from before sealing holds them in clear and is
/// sealed in place on start; a value whose key is gone is shown as unreadable and never stops a page or a run.
/// </summary>
public abstract class PaymentDataSealingTests
{
    private const string Iban = "DE89370400440532013000";
    private const string OtherIban = "GB82WEST12345698765432";

    protected abstract string? Provider { get; }

    [Fact]
    public async Task Sync_StoresPaymentDataSealed_NeverInClear()
    {
        await using var s = await SyncScenario.ConnectedAsync(provider: Provider);
        await s.HireAsync("Greta", "Berg", "greta@example.test", iban: Iban, personnel: "P-100234", creditor: "K-700991");

        await s.SyncAsync();

        var stored = await RawAsync(s.App);
        Assert.All(stored, row => Assert.All(row, v => Assert.StartsWith(PaymentDataSeal.Marker, v, StringComparison.Ordinal)));
        Assert.DoesNotContain(stored.SelectMany(r => r), v => v.Contains(Iban, StringComparison.Ordinal) || v.Contains("P-100234", StringComparison.Ordinal));
        var user = Assert.Single(await s.PersonioUsersAsync());
        Assert.Equal((Iban, "P-100234", "K-700991"), (s.App.Open(user.SealedIban), s.App.Open(user.SealedPersonnelNumber), s.App.Open(user.SealedCreditorNumber)));
    }

    [Fact]
    public async Task DatabaseWithClearValues_Start_SealsThemInPlace_ShowsTheSame_AndASyncChangesNothing()
    {
        await using var s = await SyncScenario.ConnectedAsync(provider: Provider);
        await s.HireAsync("Greta", "Berg", "greta@example.test", iban: Iban, personnel: "P-100234", creditor: "K-700991");
        await s.HireAsync("Jonas", "Wolf", "jonas@example.test", iban: OtherIban, personnel: "P-100235");
        await s.SyncAsync();
        var before = await UsersJsonAsync(s.Api, s.Company.Id);
        // As a version of Rollcall from before sealing left them: in clear.
        await s.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """UPDATE "DirectoryUsers" SET "Iban" = {0}, "PersonnelNumber" = {1}, "CreditorNumber" = {2} WHERE "Email" = 'greta@example.test'""", Iban, "P-100234", "K-700991"));
        await s.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """UPDATE "DirectoryUsers" SET "Iban" = {0}, "PersonnelNumber" = {1} WHERE "Email" = 'jonas@example.test'""", OtherIban, "P-100235"));
        Assert.Contains(Iban, (await RawAsync(s.App)).SelectMany(r => r));
        var footprint = await s.DirectoryFootprintAsync();

        await using (var restarted = s.StartAnotherApp())
        {
            var stored = await RawAsync(restarted);
            Assert.Equal(2, stored.Count);
            Assert.All(stored.SelectMany(r => r), v => Assert.StartsWith(PaymentDataSeal.Marker, v, StringComparison.Ordinal));
            Assert.DoesNotContain(stored.SelectMany(r => r), v => v.Contains(Iban, StringComparison.Ordinal) || v.Contains(OtherIban, StringComparison.Ordinal)
                || v.Contains("P-10023", StringComparison.Ordinal) || v.Contains("K-700991", StringComparison.Ordinal));
            Assert.Equal(before, await UsersJsonAsync(restarted.ApiClient(s.Company.ApiKey), s.Company.Id));
            await using var scope = restarted.Services.CreateAsyncScope();
            var run = (await scope.ServiceProvider.GetRequiredService<SyncEngine>().RunAsync(s.Company.Id, SyncTrigger.Manual, false, null, CancellationToken.None)).Value!;
            Assert.Equal((RunState.Succeeded, 0, 0), (run.State, run.Updated, run.Created));
            Assert.Equal(0, await PaymentDataSealing.SealAllAsync(restarted.Services, CancellationToken.None)); // idempotent: nothing left in clear
        }

        var after = await s.DirectoryFootprintAsync();
        Assert.Equal((footprint.Users, footprint.Audit, footprint.Messages), (after.Users, after.Audit, after.Messages)); // no audit entry, no message
    }

    [Fact]
    public async Task SealedValueWhoseKeyIsGone_UsersApiAndPageSayUnreadable_AndTheRunRewritesIt()
    {
        await using var s = await SyncScenario.ConnectedAsync(provider: Provider);
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, CompanyLanguage.En);
        var greta = await s.HireAsync("Greta", "Berg", "greta@example.test", iban: Iban, personnel: "P-100234");
        await s.SyncAsync();
        var foreign = new PaymentDataSeal(new EphemeralDataProtectionProvider(), PaymentFingerprintKey.Of(new byte[32])).Seal(OtherIban); // sealed with a key this Rollcall never had
        await s.App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "DirectoryUsers" SET "Iban" = {0} WHERE "Email" = 'greta@example.test'""", foreign!));
        var userId = (await s.UserOfAsync(greta)).Id;

        var list = await s.Api.GetAsync($"/api/companies/{s.Company.Id}/users");
        var one = await (await s.Api.GetAsync($"/api/companies/{s.Company.Id}/users/{userId}")).ReadJsonAsync(HttpStatusCode.OK);
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var page = await browser.HtmlAsync($"/companies/{s.Company.Id}/users/{userId}");
        var listPage = await browser.HtmlAsync($"/companies/{s.Company.Id}/users");
        var run = await s.SyncAsync();

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Null(one["ibanMasked"]);
        Assert.Equal("P-100234", one["personnelNumber"]!.GetValue<string>());
        Assert.Equal(["iban"], one["unreadablePaymentFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains("Unreadable", page);
        Assert.Contains("Unreadable", listPage);
        Assert.Equal((RunState.Succeeded, 1), (run.State, run.Updated));
        var step = Assert.Single(await s.StepsAsync(run.Id), st => st.Kind == StepKind.Update);
        Assert.Equal(("(unreadable)", "DE89 •••• •••• •••• 3000"), step.Changes.Where(c => c.Field == "iban").Select(c => (c.Before, c.After)).Single());
        Assert.Equal(Iban, s.App.Open((await s.UserOfAsync(greta)).SealedIban));
        Assert.Equal(0, (await s.SyncAsync()).Updated);
    }

    private static async Task<List<List<string>>> RawAsync(RollcallApp app) => await app.WithDbAsync(async db =>
        (await db.Database.SqlQueryRaw<Row>("""SELECT "Iban", "PersonnelNumber", "CreditorNumber" FROM "DirectoryUsers" WHERE "Iban" IS NOT NULL""").ToListAsync())
            .Select(r => new[] { r.Iban, r.PersonnelNumber, r.CreditorNumber }.OfType<string>().ToList()).ToList());

    private static async Task<string> UsersJsonAsync(HttpClient api, Guid companyId)
    {
        var items = (await (await api.GetAsync($"/api/companies/{companyId}/users?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
        return string.Join("\n", items.Select(u => $"{u!["email"]} {u["ibanMasked"]} {u["personnelNumber"]} {u["creditorNumber"]} {u["updatedAt"]}").Order(StringComparer.Ordinal));
    }

    private sealed record Row(string? Iban, string? PersonnelNumber, string? CreditorNumber);
}

public sealed class SqlitePaymentDataSealingTests : PaymentDataSealingTests
{
    protected override string? Provider => null;
}

public sealed class PostgresPaymentDataSealingTests : PaymentDataSealingTests
{
    protected override string? Provider => "Postgres";
}
