using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Bulk;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Data;

/// <summary>
/// A run's batches are written set-based (binary COPY on PostgreSQL, prepared statements on SQLite), with the audit
/// entries written by the bulk path itself. The same runs written by EF Core's SaveChanges and its auditing interceptor
/// (<see cref="TrackedBatchWriter"/>) must leave the same rows: users column by column, audit entries, invitations,
/// outbox messages and steps, on a seeded Personio company with payment data and org data, through a first sync,
/// an update run, a deactivation run and a preview, in batches smaller than the company.
/// </summary>
public sealed partial class BulkWriteTests
{
    private static readonly string[] BulkWrittenTables = ["DirectoryUsers", "AuditEntries", "Invitations", "OutboxMessages", "SyncRunSteps"];
    private static readonly Dictionary<string, string?> SmallBatches = new() { ["Sync:BatchSize"] = "7" };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task FirstSync_BulkPathWritesWhatSaveChangesWrites(string provider)
    {
        var expected = await RowsAfterAsync(provider, tracked: true, FirstSyncAsync);
        var actual = await RowsAfterAsync(provider, tracked: false, FirstSyncAsync);

        Assert.Contains(expected, line => line.StartsWith("user ", StringComparison.Ordinal) && line.Contains("\"Iban\":\"DE", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.StartsWith("user ", StringComparison.Ordinal) && line.Contains("\"CostCenters\":[{", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.StartsWith("invitation ", StringComparison.Ordinal));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task UpdateAndDeactivationRuns_BulkPathWritesWhatSaveChangesWrites(string provider)
    {
        var expected = await RowsAfterAsync(provider, tracked: true, ChangesAsync);
        var actual = await RowsAfterAsync(provider, tracked: false, ChangesAsync);

        Assert.Contains(expected, line => line.StartsWith("audit ", StringComparison.Ordinal) && line.Contains(AuditActions.UserUpdated, StringComparison.Ordinal));
        Assert.Contains(expected, line => line.StartsWith("user ", StringComparison.Ordinal) && line.Contains("\"Status\":\"Deactivated\"", StringComparison.Ordinal));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Preview_BulkPathWritesTheSameSteps(string provider)
    {
        static async Task PreviewAsync(SyncScenario s) => Assert.Equal(RunState.Previewed, (await s.SyncAsync(dryRun: true)).State);
        var expected = await RowsAfterAsync(provider, tracked: true, PreviewAsync);
        var actual = await RowsAfterAsync(provider, tracked: false, PreviewAsync);

        Assert.Contains(expected, line => line.StartsWith("step ", StringComparison.Ordinal) && line.Contains("\"Status\":\"Planned\"", StringComparison.Ordinal));
        Assert.DoesNotContain(expected, line => line.StartsWith("user ", StringComparison.Ordinal));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Sqlite_BulkPathStoresEveryColumnInTheFormSaveChangesStoresIt()
    {
        // EF Core reads a GUID back whatever its case and a time whatever its text, so compare what is stored: per table
        // and column, the SQLite type and the shape of the text (upper-case GUIDs, the time format) of every row.
        var expected = await StoredShapesAfterAsync(tracked: true);
        var actual = await StoredShapesAfterAsync(tracked: false);

        Assert.Contains("DirectoryUsers.Id: text GUID", expected);
        Assert.Contains("DirectoryUsers.CreatedAt: text TIME", expected);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task FirstSync_EveryUserWrittenHasItsAuditEntry_AndACurrentFingerprint(string provider)
    {
        await using var s = await StartAsync(provider, tracked: false, personioSize: 60);
        var run = await s.SyncAsync();

        var (users, created, reader) = await s.App.WithDbAsync(async db => (
            await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == s.Company.Id && u.Source == UserSource.Personio).ToListAsync(),
            await db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == s.Company.Id && a.Action == AuditActions.UserCreated).ToListAsync(),
            s.App.Services.GetRequiredService<IPaymentDataReader>()));

        Assert.True(run.Created > 7, $"{run.Created} users created: more than one batch wanted");
        Assert.Equal(run.Created, users.Count);
        var byRun = created.Where(a => a.CauseKind == ChangeCauseKind.SyncRun && a.CauseId == run.Id.ToString()).ToList();
        Assert.Equal(users.Select(u => u.Id).Order(), byRun.Select(a => a.UserId).Order());
        Assert.Equal(byRun.Count, created.Count(a => users.Any(u => u.Id == a.UserId)));
        Assert.All(users, u => Assert.Equal(PaymentFingerprints.Of(u, reader), u.PaymentFingerprint));
        Assert.All(users, u => Assert.Equal((UserStatus.Invited, s.Clock.GetUtcNow().UtcDateTime, DateTimeKind.Utc), (u.Status, u.CreatedAt, u.CreatedAt.Kind)));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ChangedUser_WhoseStampMovedMeanwhile_FailsTheBatchAsSaveChangesWould(string provider)
    {
        await using var s = await StartAsync(provider, tracked: false, personioSize: 5);
        await s.SyncAsync();
        var writer = s.App.Services.GetRequiredService<IBatchWriter>();

        var thrown = await Record.ExceptionAsync(() => s.App.WithDbAsync(async db =>
        {
            db.Cause = ChangeCause.System("test");
            await db.InTransactionAsync(async (_, c) =>
            {
                var user = await db.DirectoryUsers.FirstAsync(u => u.CompanyId == s.Company.Id && u.Source == UserSource.Personio, c);
                await db.DirectoryUsers.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ConcurrencyStamp, Guid.NewGuid()), c);
                user.LastName = "Changed";
                await writer.SaveAsync(db, c);
            }, CancellationToken.None);
            return true;
        }));

        Assert.IsType<DbUpdateConcurrencyException>(thrown);
        Assert.Equal(0, await s.App.WithDbAsync(db => db.DirectoryUsers.CountAsync(u => u.LastName == "Changed")));
    }

    private static async Task FirstSyncAsync(SyncScenario s) => Assert.Equal(RunState.Succeeded, (await s.SyncAsync()).State);

    /// <summary>A first sync; then names, an email, an IBAN and a department change; then two people leave.</summary>
    private static async Task ChangesAsync(SyncScenario s)
    {
        await FirstSyncAsync(s);
        s.Clock.Advance(TimeSpan.FromMinutes(1)); // runs, told apart by when they started
        var ids = (await s.PersonioUsersAsync()).Select(u => u.PersonioEmployeeId!.Value).ToList();
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[1]}", new { last_name = "Umbenannt", department_id = 2803 });
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[2]}", new { email = "new.address@example.test" });
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[3]}", new { custom_attributes = new Dictionary<string, string?> { [SyncScenario.IbanKey] = "GB82WEST12345698765432" } });
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[4]}", new { first_name = "Neu" });
        Assert.Equal(RunState.Succeeded, (await s.SyncAsync()).State);
        s.Clock.Advance(TimeSpan.FromMinutes(1));
        foreach (var id in ids.Skip(5).Take(2))
        {
            await s.PersonioAsync(HttpMethod.Post, $"/{id}/terminate", new { termination_date = s.Today(-1) });
        }

        Assert.Equal(RunState.Succeeded, (await s.SyncAsync()).State);
    }

    private static async Task<SyncScenario> StartAsync(string provider, bool tracked, int personioSize = 30)
    {
        var s = await SyncScenario.StartAsync(settings: SmallBatches, personioSize: personioSize, provider: provider, rollcallOnTheSameClock: true,
            services: tracked ? services => services.AddSingleton<IBatchWriter, TrackedBatchWriter>() : null);
        try
        {
            await SyncScenario.AssertOkAsync(await s.ConnectAsync());
            return s;
        }
        catch
        {
            await s.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The company's rows after <paramref name="script"/>, one line each, in a stable order, with what differs between
    /// two installations by design normalised: ids become labels, sealed values are opened, tokens are only present.
    /// </summary>
    private static async Task<List<string>> RowsAfterAsync(string provider, bool tracked, Func<SyncScenario, Task> script)
    {
        await using var s = await StartAsync(provider, tracked);
        await script(s);
        var reader = s.App.Services.GetRequiredService<IPaymentDataReader>();
        return await s.App.WithDbAsync(async db =>
        {
            var company = s.Company.Id;
            // The admin made with the company has a random address: the comparison is about what runs write.
            var users = await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == company && u.Source == UserSource.Personio).OrderBy(u => u.NormalizedEmail).ToListAsync();
            var runs = await db.SyncRuns.AsNoTracking().Where(r => r.CompanyId == company).OrderBy(r => r.StartedAt).ThenBy(r => r.Id).ToListAsync();
            var runIds = runs.Select(r => r.Id).ToHashSet();
            var steps = await db.SyncRunSteps.AsNoTracking().Where(st => runIds.Contains(st.RunId)).OrderBy(st => st.Id).ToListAsync();
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == company && a.CauseKind == ChangeCauseKind.SyncRun).OrderBy(a => a.Id).ToListAsync();
            var invitations = await db.Invitations.AsNoTracking().Where(i => i.CompanyId == company).ToListAsync();
            var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.CompanyId == company).ToListAsync();

            var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [company.ToString()] = "company" };
            foreach (var (user, i) in users.Select((u, i) => (u, i)))
            {
                labels[user.Id.ToString()] = $"user{i}";
            }

            foreach (var (run, i) in runs.Select((r, i) => (r, i)))
            {
                labels[run.Id.ToString()] = $"run{i}";
                labels[run.Id.ToString()[..8]] = $"run{i}";
            }

            foreach (var (invitation, i) in invitations.OrderBy(i => labels[i.UserId.ToString()]).ThenBy(i => i.CreatedAt).Select((x, i) => (x, i)))
            {
                labels[invitation.Id.ToString()] = $"invitation{i}";
            }

            var employees = users.SelectMany(u => new[] { u.PersonioEmployeeId, u.SupervisorEmployeeId }).Concat(steps.Select(st => st.PersonioEmployeeId))
                .OfType<long>().Distinct().Order().Select((id, i) => (id, i)).ToDictionary(x => x.id, x => $"e{x.i}");

            string Open(string? sealedValue) => reader.TryOpen(sealedValue, out var value) ? value ?? "" : "unreadable";
            var lines = new List<string>();
            lines.AddRange(users.Select(u => "user " + Line(labels, new
            {
                u.Id, u.FirstName, u.LastName, u.Email, u.NormalizedEmail, Status = u.Status.ToString(), EmploymentType = u.EmploymentType.ToString(),
                Iban = Open(u.SealedIban), PersonnelNumber = Open(u.SealedPersonnelNumber), CreditorNumber = Open(u.SealedCreditorNumber),
                FingerprintCurrent = u.PaymentFingerprint == PaymentFingerprints.Of(u, reader),
                u.DeactivatedAt, u.PaymentDataErasedAt, Role = u.Role.ToString(), Source = u.Source.ToString(),
                u.LegalEntityId, u.LegalEntityName, u.OfficeId, u.OfficeName, u.DepartmentId, u.DepartmentName, u.TeamId, u.TeamName,
                u.CostCenters, u.PrimaryCostCenterId, Supervisor = u.SupervisorEmployeeId is { } sup ? employees[sup] : null, u.ManagerId,
                Employee = u.PersonioEmployeeId is { } e ? employees[e] : null, u.AccountId, u.AcceptedAt, u.CreatedAt, u.UpdatedAt,
                Kinds = $"{u.CreatedAt.Kind}/{u.UpdatedAt.Kind}",
            })));
            // In one save EF Core inserts audit rows in an order of its own; the bulk path in the batch's: compared as a set.
            lines.AddRange(audit.Select(a => "audit " + Line(labels, new { a.UserId, a.At, Kind = a.At.Kind.ToString(), CauseKind = a.CauseKind.ToString(), a.CauseId, a.CauseName, a.Action, a.Changes }))
                .Order(StringComparer.Ordinal));
            lines.AddRange(invitations.Select(i => "invitation " + Line(labels, new
            {
                i.Id, i.UserId, i.NormalizedEmail, i.TestOnly, TokenHash = i.TokenHash.Length, Token = i.ProtectedToken is not null, i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.RevokedAt,
            })).Order(StringComparer.Ordinal));
            lines.AddRange(messages.Select(m => "message " + Line(labels, new
            {
                Kind = m.Kind.ToString(), m.IdempotencyKey, m.UserId, m.InvitationId, m.RunId, m.Topic, m.Detail, State = m.State.ToString(), m.Attempts,
                m.CreatedAt, m.NextAttemptAt, m.SentAt, m.Held, m.HeldReason, m.TestMode,
            })).Order(StringComparer.Ordinal));
            lines.AddRange(steps.Select(st => "step " + Line(labels, new
            {
                st.RunId, Kind = st.Kind.ToString(), Employee = st.PersonioEmployeeId is { } e ? employees[e] : null, st.UserId, st.Subject, st.ReasonCode,
                Reason = st.Reason?.ToJson(), st.Changes, Status = st.Status.ToString(), Sealed = st.SealedValues is not null, st.DecidedBy, st.DecidedAt,
            })));
            return lines;
        });
    }

    private static async Task<List<string>> StoredShapesAfterAsync(bool tracked)
    {
        await using var s = await StartAsync("Sqlite", tracked);
        await ChangesAsync(s);
        return await s.App.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var shapes = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var table in BulkWrittenTables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var rows = await command.ExecuteReaderAsync();
                while (await rows.ReadAsync())
                {
                    for (var i = 0; i < rows.FieldCount; i++)
                    {
                        shapes.Add($"{table}.{rows.GetName(i)}: {StoredShape(rows.GetValue(i))}");
                    }
                }
            }

            return shapes.ToList();
        });
    }

    private static string StoredShape(object value) => value switch
    {
        DBNull => "null",
        long => "integer",
        double => "real",
        byte[] => "blob",
        string text when GuidText().IsMatch(text) => text.Any(char.IsLower) ? "text guid" : "text GUID",
        string text when TimeText().IsMatch(text) => "text TIME",
        string text when DayText().IsMatch(text) => "text DAY",
        string => "text",
        _ => value.GetType().Name,
    };

    [GeneratedRegex("^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")]
    private static partial Regex GuidText();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,7})?$")]
    private static partial Regex TimeText();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d$")]
    private static partial Regex DayText();

    private static string Line(Dictionary<string, string> labels, object row) =>
        IdPattern().Replace(JsonSerializer.Serialize(row), m => labels.TryGetValue(m.Value, out var label) ? label : $"unknown:{m.Value}");

    /// <summary>A Guid, or the first eight hex digits a run is named by ("sync run 1a2b3c4d").</summary>
    [GeneratedRegex("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}|(?<=run )[0-9a-f]{8}\\b")]
    private static partial Regex IdPattern();
}
