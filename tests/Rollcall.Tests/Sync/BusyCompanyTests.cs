using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>
/// A company whose HR works through every nightly run: people deleted or appearing between the pages of every read,
/// on top of hires, leavers and renames between runs. Every run completes, nobody active is deactivated, and the
/// directory matches Personio afterwards.
/// </summary>
public sealed class BusyCompanyTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TenRunsWithChangesBetweenPagesEveryTime_EveryRunCompletesWithTheRightDirectory(string provider)
    {
        var (s, ids) = await SyncScenario.StaffedAsync(350, provider, new Dictionary<string, string?> { ["Personio:ClientRateLimits"] = "false" });
        await using var _ = s;
        await using var reference = PersonioHarness.Create(s.Sandbox.BaseUrl, new Dictionary<string, string?> { ["Personio:ClientRateLimits"] = "false" });
        var credentials = new PersonioCredentials(s.Personio.ClientId, s.Personio.Secret);
        var random = new Random(11);

        for (var night = 1; night <= 10; night++)
        {
            // HR's day: a hire, a leaver, a rename (beyond the positions the night's faults reach).
            await s.HireAsync($"Neu{night}", "Eingestellt", email: $"neu{night}@example.test");
            await s.PersonioAsync(HttpMethod.Post, $"/{ids[320 + night]}/terminate", new { termination_date = s.Today(-1) });
            await s.PersonioAsync(HttpMethod.Patch, $"/{ids[335 + night]}", new { last_name = $"Umbenannt{night}" });

            // And HR's night: a change between two pages of the read. Every third night it happens during every read.
            var page = random.Next(1, 3);
            var position = random.Next(0, (page + 1) * 100);
            if (night % 3 == 0)
            {
                await s.Sandbox.ArmFaultAsync("delete_between_pages", page: page, position: position, times: 0);
            }
            else
            {
                await s.Sandbox.ArmFaultAsync(random.Next(2) == 0 ? "delete_between_pages" : "insert_between_pages", page: page, position: position,
                    companyId: s.Personio.Id);
            }

            var run = await s.SyncAsync();
            var deletedDuringTheRun = await s.Sandbox.FaultedEmployeesAsync();
            await s.Sandbox.ClearFaultsAsync();

            Assert.True(run.State == RunState.Succeeded, $"night {night}: {run.State} {run.Reason}");
            var personio = (await reference.ReadAllAsync(credentials)).ToDictionary(e => e.Id);
            var users = await s.PersonioUsersAsync();
            Assert.All(users.Where(u => personio.TryGetValue(u.PersonioEmployeeId!.Value, out var e)
                    && e is { Status: PersonioStatus.Active, EmploymentType: PersonioEmploymentType.Internal }),
                u => Assert.True(u.Status != UserStatus.Deactivated, $"night {night}: active employee {u.PersonioEmployeeId} deactivated"));

            // The right directory: a preview finds nothing left to do but for people deleted after the run had read them.
            var preview = await s.SyncAsync(dryRun: true);
            var left = (await s.StepsAsync(preview.Id)).Where(st => st.Kind is not (StepKind.Skip or StepKind.Warn)).ToList();
            Assert.True(left.All(st => st.Kind == StepKind.Deactivate && deletedDuringTheRun.Contains(st.PersonioEmployeeId!.Value)),
                $"night {night}: " + string.Join("; ", left.Select(st => $"{st.Kind} {st.PersonioEmployeeId} {st.ReasonCode}")));
        }

        Assert.Equal(10, (await s.PersonioUsersAsync()).Count(u => u.LastName.StartsWith("Eingestellt", StringComparison.Ordinal)));
    }
}
