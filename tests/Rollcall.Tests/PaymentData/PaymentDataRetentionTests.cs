using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rollcall.Data.Audit;
using Rollcall.PaymentData;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.PaymentData;

/// <summary>A deactivated user's IBAN, personnel and creditor number are erased after the company's retention period.</summary>
public sealed class PaymentDataRetentionTests
{
    private const string Iban = "DE89370400440532013000";

    [Fact]
    public async Task DeactivatedUser_KeptOnDay89_ErasedOnDay91_AuditedMasked()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero));
        await using var app = RollcallApp.Start(clock: clock);
        var (api, company, user) = await UserAsync(app);
        await DeactivateAsync(api, company, user);

        clock.Advance(TimeSpan.FromDays(89));
        var day89 = await EraseAsync(app);
        var kept = await StoredAsync(app, user);
        clock.Advance(TimeSpan.FromDays(2));
        var day91 = await EraseAsync(app);
        var again = await EraseAsync(app);

        Assert.Equal((0, 1, 0), (day89, day91, again));
        Assert.Equal(Iban, app.Open(kept.SealedIban));
        var erased = await StoredAsync(app, user);
        Assert.Equal((null, null, null), (erased.SealedIban, erased.SealedPersonnelNumber, erased.SealedCreditorNumber));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, erased.PaymentDataErasedAt);
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.UserId == user && e.CauseId == "retention").SingleAsync());
        Assert.Equal(ChangeCauseKind.System, entry.CauseKind);
        Assert.Equal(
            [("creditorNumber", "••••91", null), ("iban", "DE89 •••• •••• •••• 3000", null), ("personnelNumber", "••••34", null)],
            entry.Changes.Select(c => (c.Field, c.Before, c.After)).Order());
        var shown = await (await api.GetAsync($"/api/companies/{company.Id}/users/{user}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Null(shown["ibanMasked"]);
    }

    [Fact]
    public async Task ReactivatedOnDay50_KeepsItsPaymentData()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var app = RollcallApp.Start(clock: clock);
        var (api, company, user) = await UserAsync(app);
        await DeactivateAsync(api, company, user);

        clock.Advance(TimeSpan.FromDays(50));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/companies/{company.Id}/users/{user}/reactivate", null)).StatusCode);
        var reactivated = await StoredAsync(app, user);
        clock.Advance(TimeSpan.FromDays(41));
        var erased = await EraseAsync(app);

        Assert.Null(reactivated.DeactivatedAt);
        Assert.Equal(0, erased);
        Assert.Equal(Iban, app.Open((await StoredAsync(app, user)).SealedIban));
    }

    [Fact]
    public async Task RetentionOff_NeverErases_AndTheSettingIsValidatedAndAudited()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var app = RollcallApp.Start(clock: clock);
        var (api, company, user) = await UserAsync(app);
        var path = $"/api/companies/{company.Id}/payment-data/retention";

        var initial = await (await api.GetAsync(path)).ReadJsonAsync(HttpStatusCode.OK);
        var zero = await api.PutAsJsonAsync(path, new { days = 0 });
        var tooLong = await api.PutAsJsonAsync(path, new { days = 3651 });
        var off = await api.PutAsJsonAsync(path, new { days = (int?)null });
        await DeactivateAsync(api, company, user);
        clock.Advance(TimeSpan.FromDays(4000));
        var erased = await EraseAsync(app);

        Assert.Equal(90, initial["days"]!.GetValue<int>());
        Assert.Equal("invalid_retention_days", await zero.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("invalid_retention_days", await tooLong.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Equal(0, erased);
        Assert.Equal(Iban, app.Open((await StoredAsync(app, user)).SealedIban));
        var change = await app.WithDbAsync(db => db.ConfigurationChanges.AsNoTracking().SingleAsync(c => c.CompanyId == company.Id && c.Action == "payment_data.retention_changed"));
        Assert.Equal(("90", null), change.Changes.Select(c => (c.Before, c.After)).Single());
    }

    private static async Task<(HttpClient Api, TestCompany Company, Guid User)> UserAsync(RollcallApp app)
    {
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        var created = await (await api.PostAsJsonAsync($"/api/companies/{company.Id}/users",
            new { firstName = "Rita", lastName = "Rente", email = "rita@example.test", iban = Iban, personnelNumber = "P-001234", creditorNumber = "K-700991" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        return (api, company, Guid.Parse(created["id"]!.GetValue<string>()));
    }

    private static async Task DeactivateAsync(HttpClient api, TestCompany company, Guid user) =>
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/companies/{company.Id}/users/{user}/deactivate", null)).StatusCode);

    private static async Task<int> EraseAsync(RollcallApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PaymentDataRetention>().EraseDueAsync(CancellationToken.None);
    }

    private static Task<Rollcall.Data.Directory.DirectoryUser> StoredAsync(RollcallApp app, Guid user) =>
        app.WithDbAsync(db => db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.Id == user));
}
