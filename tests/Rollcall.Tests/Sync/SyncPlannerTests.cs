using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.PaymentData;
using Rollcall.Personio;
using Rollcall.Sync;

namespace Rollcall.Tests.Sync;

/// <summary>
/// The pure planner, rule by rule: every row of the rules table in docs/sync.md, then per-record problems, linking
/// and rehires, and the guard's arithmetic. The HTTP scenario tests show the same rules end to end.
/// </summary>
public sealed class SyncPlannerTests
{
    private const string IbanKey = "dynamic_1";
    private const string Valid = "DE89370400440532013000";

    public static TheoryData<string, PersonioStatus, PersonioEmploymentType, UserStatus?, LeavePolicy, string> Rules => new()
    {
        // row,                                  status,               type,                             user,                   policy,                 expected
        { "active internal, new",                PersonioStatus.Active, PersonioEmploymentType.Internal, null,                   LeavePolicy.KeepUser,       "create active invited" },
        { "active internal, unchanged user",     PersonioStatus.Active, PersonioEmploymentType.Internal, UserStatus.Invited,     LeavePolicy.KeepUser,       "none" },
        { "active internal, deactivated user",   PersonioStatus.Active, PersonioEmploymentType.Internal, UserStatus.Deactivated, LeavePolicy.KeepUser,       "reactivate active invited" },
        { "active, no employment type, new",     PersonioStatus.Active, PersonioEmploymentType.NotSet,   null,                   LeavePolicy.KeepUser,       "skip no_employment_type" },
        { "active, no employment type, user",    PersonioStatus.Active, PersonioEmploymentType.NotSet,   UserStatus.Active,      LeavePolicy.KeepUser,       "skip no_employment_type" },
        { "active, unknown employment type",     PersonioStatus.Active, PersonioEmploymentType.Unknown,  UserStatus.Active,      LeavePolicy.KeepUser,       "skip unknown_employment_type" },
        { "leave, new",                          PersonioStatus.Leave,  PersonioEmploymentType.Internal, null,                   LeavePolicy.KeepUser,       "ignored leave" },
        { "leave, user",                         PersonioStatus.Leave,  PersonioEmploymentType.Internal, UserStatus.Active,      LeavePolicy.KeepUser,       "none" },
        { "leave, user, policy deactivates",     PersonioStatus.Leave,  PersonioEmploymentType.Internal, UserStatus.Active,      LeavePolicy.Deactivate, "deactivate leave" },
        { "onboarding, new",                     PersonioStatus.Onboarding, PersonioEmploymentType.Internal, null,               LeavePolicy.KeepUser,       "ignored onboarding" },
        { "onboarding, user",                    PersonioStatus.Onboarding, PersonioEmploymentType.Internal, UserStatus.Invited, LeavePolicy.KeepUser,       "none" },
        { "inactive, new",                       PersonioStatus.Inactive, PersonioEmploymentType.Internal, null,                 LeavePolicy.KeepUser,       "ignored inactive" },
        { "inactive, user",                      PersonioStatus.Inactive, PersonioEmploymentType.Internal, UserStatus.Active,    LeavePolicy.KeepUser,       "deactivate inactive" },
        { "inactive, deactivated user",          PersonioStatus.Inactive, PersonioEmploymentType.Internal, UserStatus.Deactivated, LeavePolicy.KeepUser,     "none" },
        { "external, new",                       PersonioStatus.Active, PersonioEmploymentType.External, null,                   LeavePolicy.KeepUser,       "ignored external" },
        { "external, user",                      PersonioStatus.Active, PersonioEmploymentType.External, UserStatus.Invited,     LeavePolicy.KeepUser,       "deactivate external" },
        { "unknown status, user",                PersonioStatus.Unknown, PersonioEmploymentType.Internal, UserStatus.Active,     LeavePolicy.KeepUser,       "skip unknown_status" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void RulesTable(string row, PersonioStatus status, PersonioEmploymentType type, UserStatus? user, LeavePolicy policy, string expected)
    {
        var employee = Employee(1, status, type);
        var users = user is { } s ? new[] { User(1, s) } : [];

        var plan = Plan([employee], users, policy: policy);

        Assert.True(Describe(plan) == expected, $"{row}: {Describe(plan)}");
    }

    [Theory]
    [InlineData(null, "gone.held", "deactivate gone")]
    [InlineData("Confirmed", "gone.confirmed", "deactivate gone")]
    [InlineData("Unanswered", "gone_unconfirmed.unanswered", "warn gone_unconfirmed")]
    [InlineData("NotAsked", "gone_unconfirmed.not_asked", "warn gone_unconfirmed")]
    public void MissingFromTheList_DeactivatedOnlyOnConfirmation(string? check, string reason, string expected)
    {
        // No checks at all: the plan that measures the guard, which holds every absence unconfirmed.
        var checks = new Dictionary<long, GoneCheck>();
        if (check is not null && check != "NotAsked")
        {
            checks[7] = Enum.Parse<GoneCheck>(check);
        }

        var plan = Plan([Employee(1)], [User(1, UserStatus.Invited), User(7, UserStatus.Active)], checks: check is null ? null : checks);
        var step = Assert.Single(plan.Steps);

        Assert.Equal(expected, Describe(plan));
        Assert.Equal(7, step.EmployeeId);
        Assert.Equal(reason, step.Reason!.Key);
    }

    [Fact]
    public void ActiveWithoutEmploymentType_ExistingUserKeptAsIsEvenWhenTheNameChanged()
    {
        var plan = Plan([Employee(1, type: PersonioEmploymentType.NotSet) with { LastName = "Renamed" }], [User(1, UserStatus.Active)]);

        Assert.Equal("skip no_employment_type", Describe(plan));
    }

    [Theory]
    [InlineData(null, "no_email")]
    [InlineData("not-an-address", "invalid_email")]
    [InlineData("x@localhost", "invalid_email")]
    public void EmailProblems_SkippedWithTheirReason(string? email, string code)
    {
        Assert.Equal($"skip {code}", Describe(Plan([Employee(1) with { Email = email }], [])));
    }

    [Fact]
    public void EmailLongerThanAColumn_Invalid()
    {
        var email = new string('a', 310) + "@example.test";

        Assert.Equal("skip invalid_email", Describe(Plan([Employee(1) with { Email = email }], [])));
    }

    [Fact]
    public void SameEmailOnTwoActiveEmployees_BothSkippedNamingEachOther()
    {
        var plan = Plan([Employee(1) with { Email = "twin@example.test" }, Employee(2) with { Email = "TWIN@example.test" }], []);

        Assert.All(plan.Steps, s => Assert.Equal(("duplicate_email", new Reason("duplicate_email", "1, 2")), (s.ReasonCode, s.Reason)));
        Assert.Equal(2, plan.Count(StepKind.Skip));
    }

    [Fact]
    public void InvalidIban_NewUserCreatedWithoutItExistingUserKeepsTheOldOne()
    {
        var employees = new[] { Employee(1, iban: "DE00370400440532013000"), Employee(2, iban: "DE00370400440532013000") };
        var users = new[] { User(2, UserStatus.Active, iban: Valid) };

        var plan = Plan(employees, users);

        Assert.Equal(2, plan.Steps.Count(s => s is { Kind: StepKind.Warn, ReasonCode: "invalid_iban" }));
        var create = Assert.Single(plan.Steps, s => s.Kind == StepKind.Create);
        Assert.False(create.Desired!.Optional.ContainsKey(MappedFields.Iban));
        Assert.DoesNotContain(plan.Steps, s => s.Kind == StepKind.Update);
    }

    [Fact]
    public void IbanEmptyInPersonio_Cleared_UnreadableOrUnmapped_Untouched()
    {
        var emptied = Plan([Employee(1, iban: "")], [User(1, UserStatus.Active, iban: Valid)]);
        var unreadable = Plan([Employee(1, iban: "")], [User(1, UserStatus.Active, iban: Valid)], unreadable: [IbanKey]);
        var unmapped = Plan([Employee(1, iban: "")], [User(1, UserStatus.Active, iban: Valid)], mapping: []);

        var change = Assert.Single(Assert.Single(emptied.Steps).Changes);
        Assert.Equal(("iban", null), (change.Field, change.After));
        Assert.Equal(Iban.Mask(Valid), change.Before);
        Assert.Empty(unreadable.Steps);
        Assert.Empty(unmapped.Steps);
    }

    [Fact]
    public void OverlongValues_NameShortenedNumberNotImported()
    {
        var employee = Employee(1) with
        {
            FirstName = new string('N', 250),
            CustomAttributes = new Dictionary<string, string?> { [IbanKey] = Valid, ["dynamic_2"] = new string('7', 101) },
        };

        var plan = Plan([employee], [], mapping: new() { [MappedFields.Iban] = IbanKey, [MappedFields.PersonnelNumber] = "dynamic_2" });

        var create = Assert.Single(plan.Steps, s => s.Kind == StepKind.Create);
        Assert.Equal(200, create.Desired!.FirstName.Length);
        Assert.False(create.Desired.Optional.ContainsKey(MappedFields.PersonnelNumber));
        Assert.Contains(plan.Steps, s => s is { Kind: StepKind.Warn, ReasonCode: "value_shortened" });
        Assert.Contains(plan.Steps, s => s is { Kind: StepKind.Warn, ReasonCode: "value_too_long" });
    }

    [Fact]
    public void FirstSync_HandMadeUserWithTheEmailIsLinked_LaterSyncsSkipIt()
    {
        var manual = User(null, UserStatus.Active, source: UserSource.Manual, email: "Anna@Example.test");

        var first = Plan([Employee(1) with { Email = "anna@example.test" }], [manual], firstSync: true);
        var later = Plan([Employee(1) with { Email = "anna@example.test" }], [manual]);

        Assert.Equal("link linked_by_email active", Describe(first));
        Assert.Equal("skip email_taken", Describe(later));
    }

    [Fact]
    public void HandMadeUserWithADifferentEmail_NeverTouched()
    {
        var plan = Plan([Employee(1)], [User(null, UserStatus.Active, source: UserSource.Manual, email: "someone.else@example.test")]);

        Assert.Equal("create active invited", Describe(plan));
    }

    [Fact]
    public void RehireUnderANewId_UserMovesOverAndIsNeverDeactivated()
    {
        var user = User(1, UserStatus.Active, email: "rehired@example.test");

        var gone = Plan([Employee(2) with { Email = "rehired@example.test" }], [user], checks: new() { [1] = GoneCheck.Confirmed });
        var inactive = Plan([Employee(1, PersonioStatus.Inactive) with { Email = "rehired@example.test" }, Employee(2) with { Email = "rehired@example.test" }], [user]);

        Assert.Equal("link linked_by_email active", Describe(gone));
        Assert.Equal("link linked_by_email active", Describe(inactive));
        Assert.Contains(Assert.Single(gone.Steps).Changes, c => c is { Field: "personioEmployeeId", Before: "1", After: "2" });
    }

    [Fact]
    public void NewEmailBelongsToAnotherUser_NothingChanges()
    {
        var plan = Plan([Employee(1) with { Email = "taken@example.test" }],
            [User(1, UserStatus.Active), User(null, UserStatus.Active, source: UserSource.Manual, email: "taken@example.test")]);

        Assert.Equal("skip email_taken", Describe(plan));
    }

    [Fact]
    public void ChangeOfEmailCaseAlone_IsNoChange()
    {
        var plan = Plan([Employee(1) with { Email = "PERSON1@example.test" }], [User(1, UserStatus.Active)]);

        Assert.Empty(plan.Steps);
    }

    [Theory]
    [InlineData(10, 2, 10, 3, false)] // under the minimum
    [InlineData(10, 3, 10, 3, true)] // 30 % > 10 % and at the minimum
    [InlineData(100, 10, 10, 3, false)] // exactly the percentage is not above it
    [InlineData(100, 11, 10, 3, true)]
    [InlineData(100, 11, 20, 3, false)]
    public void Guard_TripsAboveThePercentageOfManagedUsersAndAtLeastTheMinimum(int managed, int leaving, int percent, int minimum, bool tripped)
    {
        var users = Enumerable.Range(1, managed).Select(i => User(i, UserStatus.Active)).ToList();
        var employees = Enumerable.Range(1, managed).Select(i => Employee(i, i <= leaving ? PersonioStatus.Inactive : PersonioStatus.Active)).ToList();

        var plan = Plan(employees, users, guardPercent: percent, guardMinimum: minimum);

        Assert.Equal((leaving, tripped), (plan.Count(StepKind.Deactivate), plan.GuardTripped));
    }

    private static readonly PaymentDataSeal Seal = new(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(), PaymentFingerprintKey.Of(new byte[32]));

    private static SyncPlan Plan(IEnumerable<PersonioEmployee> employees, IEnumerable<DirectoryUser> users, bool firstSync = false, LeavePolicy policy = LeavePolicy.KeepUser,
        Dictionary<long, GoneCheck>? checks = null, int guardPercent = 10, int guardMinimum = 3, string[]? unreadable = null,
        Dictionary<MappedField, string>? mapping = null) =>
        SyncPlanner.Plan(new PlannerInput(Seal, [.. employees], [.. users], mapping ?? new() { [MappedFields.Iban] = IbanKey },
            (unreadable ?? []).ToHashSet(), new ImportPolicy(policy), firstSync, guardPercent, guardMinimum, checks));

    private static PersonioEmployee Employee(long id, PersonioStatus status = PersonioStatus.Active, PersonioEmploymentType type = PersonioEmploymentType.Internal,
        string iban = Valid) => new()
    {
        Id = id, FirstName = $"Person{id}", LastName = $"Nummer{id}", Email = $"person{id}@example.test", Status = status, EmploymentType = type,
        CustomAttributes = new Dictionary<string, string?> { [IbanKey] = iban },
    };

    private static DirectoryUser User(long? employeeId, UserStatus status, UserSource source = UserSource.Personio, string? email = null, string? iban = Valid) => new()
    {
        Id = Guid.NewGuid(), FirstName = $"Person{employeeId}", LastName = $"Nummer{employeeId}", Email = email ?? $"person{employeeId}@example.test",
        Status = status, Source = source, PersonioEmployeeId = source == UserSource.Personio ? employeeId : null, SealedIban = Seal.Seal(iban),
        EmploymentType = EmploymentType.Internal,
    };

    /// <summary>The plan in a few words: "create active invited", "skip no_email", "ignored leave", "none".</summary>
    private static string Describe(SyncPlan plan)
    {
        if (plan.Steps.Count == 0)
        {
            return plan.IgnoredByReason.Count == 0 ? "none" : $"ignored {string.Join(",", plan.IgnoredByReason.Keys)}";
        }

        return string.Join("; ", plan.Steps.Select(s =>
            $"{s.Kind.ToString().ToLowerInvariant()} {s.ReasonCode}{(s.Kind is StepKind.Create or StepKind.Reactivate or StepKind.Link ? " " + s.NewStatus.ToString()!.ToLowerInvariant() : "")}"));
    }
}
