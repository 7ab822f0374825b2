using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Rollcall.Data.Outbox;
using Rollcall.Mail.Notifications;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.PaymentData;

/// <summary>
/// A change of a user's IBAN or creditor number is never silent: the person (at the address on record before the
/// change, and the new one when it changed with it) and the admins are told, in the company's language, masked.
/// </summary>
public sealed class PaymentChangeNoticeTests
{
    private const string Iban = "DE89370400440532013000";
    private const string NewIban = "GB82WEST12345698765432";

    [Fact]
    public async Task Sync_IbanChanged_GermanCompany_PersonAndAdminsToldInGerman_Masked_Once()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.ConnectedAsync(smtp.Settings()); // companies are created German
        var greta = await s.HireAsync("Greta", "Berg", "greta@example.test", iban: Iban, creditor: "K-700991");
        await s.SyncAsync();
        await s.PersonioAsync(HttpMethod.Put, $"/{greta}/attributes/{SyncScenario.IbanKey}", new { value = NewIban });

        var run = await s.SyncAsync();
        var again = await s.SyncAsync();
        await MailTesting.DispatchAsync(s.App);

        Assert.Equal((1, 0), (run.Updated, again.Updated));
        var notices = await NoticesAsync(s.App);
        Assert.Equal(2, notices.Count);
        Assert.All(notices, m => Assert.Equal(run.Id, m.RunId));
        var mails = smtp.Messages.Where(m => m.Subject?.Contains("Zahlungsdaten", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(new[] { "greta@example.test", s.Company.AdminEmail }.Order(StringComparer.Ordinal), mails.Select(MailTesting.To).Order(StringComparer.Ordinal));
        var person = mails.Single(m => MailTesting.To(m) == "greta@example.test");
        Assert.Equal("Ihre Zahlungsdaten wurden geändert (Acme GmbH)", person.Subject);
        Assert.Contains("IBAN: DE89 •••• •••• •••• 3000 → GB82 •••• •••• •••• 5432", person.TextBody);
        Assert.Contains("durch einen Abgleich mit Personio", person.TextBody);
        Assert.DoesNotContain("Kreditorennummer", person.TextBody); // unchanged, so not mentioned
        var admins = mails.Single(m => MailTesting.To(m) == s.Company.AdminEmail);
        Assert.Equal("Zahlungsdaten von Greta Berg geändert (Acme GmbH)", admins.Subject);
        Assert.Contains($"/companies/{s.Company.Id}/users/{(await s.UserOfAsync(greta)).Id}", admins.TextBody);
        AssertNoFullValues(notices, smtp.Messages);
    }

    [Fact]
    public async Task Sync_IbanAndEmailChangedInOneRun_TellsTheOldAndTheNewAddress()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        var greta = await s.HireAsync("Greta", "Berg", "greta@example.test", iban: Iban);
        await s.SyncAsync();
        await s.PersonioAsync(HttpMethod.Put, $"/{greta}/attributes/{SyncScenario.IbanKey}", new { value = NewIban });
        await s.PersonioAsync(HttpMethod.Put, $"/{greta}/email", new { email = "greta.berg@example.test" });

        var run = await s.SyncAsync();

        Assert.Equal("greta.berg@example.test", (await s.UserOfAsync(greta)).Email);
        Assert.Equal(1, run.Updated);
        var notices = (await NoticesAsync(s.App)).Select(m => AdminNotifications.Read(m.Topic, m.Detail)!.PersonalRecipient ?? "admins");
        Assert.Equal(["admins", "greta.berg@example.test", "greta@example.test"], notices.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AdminEdit_HandMadeUsersCreditorNumber_TellsPersonAndAdmins_NamesTheAdminShortened_OtherEditsTellNobody()
    {
        await using var smtp = SmtpSink.Start();
        await using var app = RollcallApp.Start(settings: smtp.Settings());
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        var created = await (await api.PostAsJsonAsync($"/api/companies/{company.Id}/users",
            new { firstName = "Omar", lastName = "O'Brien", email = "omar@example.test", iban = Iban, creditorNumber = "K-100001" })).ReadJsonAsync(HttpStatusCode.Created);
        var path = $"/api/companies/{company.Id}/users/{created["id"]}";

        var rename = await api.PatchJsonAsync(path, new { lastName = "OBrien" });
        var sameIban = await api.PatchJsonAsync(path, new { iban = "de89 3704 0044 0532 0130 00" });
        var noticesBefore = (await NoticesAsync(app)).Count;
        var creditor = await api.PatchJsonAsync(path, new { creditorNumber = "K-100077" });
        await MailTesting.DispatchAsync(app);

        Assert.All([rename, sameIban, creditor], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, noticesBefore); // creating the user, a rename and the same IBAN again change no payment data
        var notices = await NoticesAsync(app);
        Assert.Equal(2, notices.Count);
        var mails = smtp.Messages.Where(m => m.Subject?.Contains("Zahlungsdaten", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(new[] { "omar@example.test", company.AdminEmail }.Order(StringComparer.Ordinal), mails.Select(MailTesting.To).Order(StringComparer.Ordinal));
        Assert.All(mails, m =>
        {
            Assert.Contains("Kreditorennummer: ••••01 → ••••77", m.TextBody);
            Assert.Contains($"durch einen Administrator ({company.AdminEmail[0]}•••@", m.TextBody);
            Assert.DoesNotContain(company.AdminEmail, m.TextBody);
        });
        AssertNoFullValues(notices, smtp.Messages, "K-100001", "K-100077");
    }

    [Fact]
    public async Task SmtpDown_NoticesStayQueued_AndGoOutOnceItIsBack()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.ConnectedAsync(smtp.Settings());
        var greta = await s.HireAsync("Greta", "Berg", "greta@example.test", iban: Iban);
        await s.SyncAsync();
        await s.PersonioAsync(HttpMethod.Put, $"/{greta}/attributes/{SyncScenario.IbanKey}", new { value = NewIban });
        await s.SyncAsync();
        await smtp.DownAsync();

        await MailTesting.DispatchAsync(s.App);
        var whileDown = await NoticesAsync(s.App);
        smtp.Up();
        await s.App.WithDbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, DateTime.UnixEpoch))); // retries due now
        await MailTesting.DispatchAsync(s.App);
        await MailTesting.DispatchAsync(s.App);

        Assert.Equal(2, whileDown.Count);
        Assert.All(whileDown, m => Assert.Equal(MessageState.Pending, m.State));
        Assert.Contains(whileDown, m => m.Attempts == 1 && m.LastError is not null);
        Assert.All(await NoticesAsync(s.App), m => Assert.Equal(MessageState.Sent, m.State));
        Assert.Equal(2, smtp.Messages.Count(m => m.Subject?.Contains("Zahlungsdaten", StringComparison.Ordinal) == true)); // each once
    }

    private static Task<List<OutboxMessage>> NoticesAsync(RollcallApp app) => app.WithDbAsync(db =>
        db.OutboxMessages.AsNoTracking().Where(m => m.Topic == PaymentDataChanged.TopicCode).ToListAsync());

    /// <summary>No stored argument and no sent text carries a full IBAN (in any spacing) or number.</summary>
    private static void AssertNoFullValues(IEnumerable<OutboxMessage> notices, IEnumerable<MimeMessage> mails, params string[] numbers)
    {
        var texts = notices.Select(m => m.Detail ?? "").Concat(mails.SelectMany(m => new[] { m.TextBody ?? "", m.HtmlBody ?? "" }))
            .Select(t => t.Replace(" ", "", StringComparison.Ordinal)).ToList();
        foreach (var full in new[] { Iban, NewIban }.Concat(numbers))
        {
            Assert.DoesNotContain(texts, t => t.Contains(full, StringComparison.OrdinalIgnoreCase));
        }
    }
}
