using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Rollcall.Companies;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Hosting;
using Rollcall.Invitations;
using Rollcall.Mail;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>
/// The dispatcher sending N queued invitations through a real SMTP server on loopback, against a bare MailKit loop
/// sending N messages of the same size to the same server in the same run, reusing its connection the way the dispatcher
/// does (a new one every <see cref="SmtpOptions.MessagesPerConnection"/> messages): the ratio is what the outbox costs
/// (claiming, rendering, recording). A second bare loop with one connection per message, as the dispatcher sent before,
/// is the "before" figure.
/// </summary>
internal static class MailBenchmark
{
    /// <summary>Messages per second of the dispatcher when it opened one connection per message (docs/benchmarks.md §4).</summary>
    private const double OldDispatcherRate = 21;

    public static async Task RunAsync(int[] counts, string? postgresServer)
    {
        var perConnection = new SmtpOptions().MessagesPerConnection;
        Console.WriteLine(postgresServer is null ? "SQLite" : "PostgreSQL");
        Console.WriteLine("| Messages | Dispatcher (s) | Dispatcher messages/s | Bare MailKit, reusing, messages/s | Bare MailKit, one connection per message, messages/s | Dispatcher / bare reusing (time) | Dispatcher / old 21 messages/s | Bare reusing / one per message |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var count in counts)
        {
            await using var smtp = SmtpSink.Start();
            await using var database = await BenchDatabase.CreateAsync(postgresServer);
            await using var app = RollcallHost.Build([
                "--urls", "http://127.0.0.1:0", .. database.Settings, "--Sync:ScheduleNightlyRuns=false",
                "--Logging:LogLevel:Default=Warning", "--Mail:Dispatch=false",
                .. smtp.Settings().Select(s => $"--{s.Key}={s.Value}"),
            ]);
            await app.StartAsync();
            var companyId = await CompanyAsync(app.Services);

            // Warm-up: JIT of both paths; the first invitation is the bare loop's template.
            await QueueAsync(app.Services, companyId, 1, "warm-up");
            await DispatchAllAsync(app.Services, 1);
            var template = smtp.Messages[0];
            await BareAsync(smtp, template, 10, perConnection);

            await QueueAsync(app.Services, companyId, count, "run");
            var dispatcher = Stopwatch.StartNew();
            await DispatchAllAsync(app.Services, count);
            dispatcher.Stop();
            var bare = Stopwatch.StartNew();
            await BareAsync(smtp, template, count, perConnection);
            bare.Stop();
            var single = Stopwatch.StartNew();
            await BareAsync(smtp, template, count, 1);
            single.Stop();
            if (smtp.Messages.Count != 1 + 10 + (3 * count))
            {
                throw new InvalidOperationException($"Expected {(3 * count) + 11} messages at the server, got {smtp.Messages.Count}.");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count:N0} | {dispatcher.Elapsed.TotalSeconds:F2} | {count / dispatcher.Elapsed.TotalSeconds:F0} | {count / bare.Elapsed.TotalSeconds:F0} | {count / single.Elapsed.TotalSeconds:F0} | {dispatcher.Elapsed / bare.Elapsed:F2} | {count / dispatcher.Elapsed.TotalSeconds / OldDispatcherRate:F1}x | {single.Elapsed / bare.Elapsed:F1}x |"));
            await app.StopAsync();
        }
    }

    private static async Task<Guid> CompanyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CompanySetup>().CreateAsync(
            new CompanySetup.NewCompany("Benchmark GmbH", "Europe/Berlin", CompanyLanguage.De, "admin@bench.example", "Bench", "Admin"), CancellationToken.None);
        await using var settings = services.CreateAsyncScope();
        await settings.ServiceProvider.GetRequiredService<MailOutbox>().SaveSettingsAsync(created.Company.Id, new MailSettings(null, false, 100_000), CancellationToken.None);
        return created.Company.Id;
    }

    /// <summary>Users and their invitations, queued the way the sync queues them (one transaction per 500).</summary>
    private static async Task QueueAsync(IServiceProvider services, Guid companyId, int count, string prefix)
    {
        foreach (var chunk in Enumerable.Range(0, count).Chunk(500))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
            var invitations = scope.ServiceProvider.GetRequiredService<InvitationQueue>();
            db.Cause = ChangeCause.System("benchmark");
            foreach (var i in chunk)
            {
                var user = new DirectoryUser
                {
                    Id = Guid.NewGuid(), CompanyId = companyId, FirstName = "Person", LastName = $"{prefix} {i}", Email = $"{prefix}-{i}@bench.example",
                    Status = UserStatus.Invited, Role = UserRole.Member, Source = UserSource.Manual,
                };
                db.DirectoryUsers.Add(user);
                await invitations.InviteAsync(user, "benchmark", CancellationToken.None);
            }

            await db.SaveChangesAsync();
        }
    }

    private static async Task DispatchAllAsync(IServiceProvider services, int count)
    {
        var sent = 0;
        while (sent < count)
        {
            await using var scope = services.CreateAsyncScope();
            var summary = await scope.ServiceProvider.GetRequiredService<MailDispatcher>().DispatchAsync(CancellationToken.None);
            if (summary.Sent == 0)
            {
                throw new InvalidOperationException($"The dispatcher stopped after {sent} of {count} messages.");
            }

            sent += summary.Sent;
        }
    }

    /// <summary>N messages, a new connection every <paramref name="perConnection"/> of them.</summary>
    private static async Task BareAsync(SmtpSink smtp, MimeMessage template, int count, int perConnection)
    {
        SmtpClient? client = null;
        for (var i = 0; i < count; i++)
        {
            var message = new MimeMessage { Subject = template.Subject ?? "", Body = template.Body!, MessageId = $"bare-{Guid.NewGuid():N}@bench" };
            message.From.AddRange(template.From);
            message.To.Add(new MailboxAddress("Person", $"bare-{i}@bench.example"));
            if (i % perConnection == 0)
            {
                await CloseAsync(client);
                client = new SmtpClient();
                await client.ConnectAsync("127.0.0.1", smtp.Port, SecureSocketOptions.None);
            }

            await client!.SendAsync(message);
        }

        await CloseAsync(client);
    }

    private static async Task CloseAsync(SmtpClient? client)
    {
        if (client is not null)
        {
            await client.DisconnectAsync(quit: true);
            client.Dispose();
        }
    }
}
