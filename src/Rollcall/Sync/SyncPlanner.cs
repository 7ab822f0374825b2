using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Directory;
using Rollcall.PaymentData;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>
/// The pure planner: from (employees, users, mapping, policy) to the steps a run takes. It reads nothing else and
/// changes nothing, so a preview shows exactly what a real run with the same data applies.
/// </summary>
internal static partial class SyncPlanner
{
    public static SyncPlan Plan(PlannerInput input)
    {
        var planning = new Planning(input);
        foreach (var decided in planning.Decisions)
        {
            planning.Plan(decided);
        }

        // Decided after every employee: one of them may have taken a user over (a rehire under a new id).
        planning.PlanRemovals();
        planning.PlanAbsences();
        return planning.Finish();
    }

    /// <summary>
    /// A user whose employee is missing from Personio's list is deactivated only on Personio's word about that
    /// person (a 404 when asked); missing from a paged list alone proves nothing, since records slide between pages.
    /// </summary>
    private static PlannedStep Gone(DirectoryUser user, IReadOnlyDictionary<long, GoneCheck>? checks)
    {
        var id = user.PersonioEmployeeId!.Value;
        var subject = $"{user.FirstName} {user.LastName} <{user.Email}>"; // cut to its column when recorded
        var deactivate = new[] { Change("status", user.Status, UserStatus.Deactivated) };
        return checks is null
            ? new PlannedStep(StepKind.Deactivate, id, user.Id, subject, "gone", new Reason("gone.held"), deactivate, NewStatus: UserStatus.Deactivated)
            : checks.GetValueOrDefault(id, GoneCheck.NotAsked) switch
            {
                GoneCheck.Confirmed => new PlannedStep(StepKind.Deactivate, id, user.Id, subject, "gone", new Reason("gone.confirmed"), deactivate,
                    NewStatus: UserStatus.Deactivated),
                GoneCheck.Unanswered => new PlannedStep(StepKind.Warn, id, user.Id, subject, "gone_unconfirmed", new Reason("gone_unconfirmed.unanswered"), []),
                _ => new PlannedStep(StepKind.Warn, id, user.Id, subject, "gone_unconfirmed", new Reason("gone_unconfirmed.not_asked"), []),
            };
    }

    private static IEnumerable<PlannedStep> ForExistingUser(PersonioEmployee employee, DirectoryUser user, DesiredUser desired, Disposition disposition, Reason reason,
        PaymentDataSeal seal)
    {
        // The subject is made only for a step: most people of a night have none.
        var changes = Diff(user, desired, seal);
        if (disposition == Disposition.Import && user.Status == UserStatus.Deactivated)
        {
            var status = Reactivated(user);
            yield return new PlannedStep(StepKind.Reactivate, employee.Id, user.Id, Subject(employee), "active", reason.Key == "active" ? new Reason("active.reactivated") : reason,
                [.. changes, .. StatusChange(user.Status, status)], desired, status, Payment: PaymentValues.Of(user, desired.Optional, seal));
        }
        else if (changes.Count > 0)
        {
            yield return new PlannedStep(StepKind.Update, employee.Id, user.Id, Subject(employee), "changed", reason, changes, desired, user.Status,
                NamesOnly: changes.TrueForAll(c => OrgPlacement.UnitFields.Contains(c.Field)) && desired.Org.SameUnits(OrgPlacement.Of(user)),
                Payment: PaymentValues.Of(user, desired.Optional, seal));
        }
    }

    private static UserStatus Reactivated(DirectoryUser user) => user.AcceptedAt is null ? UserStatus.Invited : UserStatus.Active;

    private static (DesiredUser Desired, List<PlannedStep> Warnings) Desired(PersonioEmployee employee, DirectoryUser? user, PlannerInput input)
    {
        var optional = new Dictionary<MappedField, string?>();
        var warnings = new List<PlannedStep>();
        foreach (var (field, key) in input.Mapping)
        {
            if (input.UnreadableAttributes.Contains(key) || !employee.CustomAttributes.TryGetValue(key, out var value))
            {
                continue; // not readable: the field keeps its value
            }

            var read = string.IsNullOrWhiteSpace(value) ? new MappedValue(null) : field.Read(value.Trim());
            if (read.ProblemCode is { } code)
            {
                warnings.Add(new PlannedStep(StepKind.Warn, employee.Id, user?.Id, Subject(employee), code,
                    user is not null && !field.ValueOf(user, input.Seal).IsEmpty ? read.ProblemKept : read.Problem, []));
                continue;
            }

            optional[field] = read.Value;
        }

        return (new DesiredUser(
            Shortened(employee.FirstName ?? user?.FirstName ?? "", "firstName", employee, user, warnings),
            Shortened(employee.LastName ?? user?.LastName ?? "", "lastName", employee, user, warnings),
            employee.Email!.Trim(),
            employee.EmploymentType == PersonioEmploymentType.External ? EmploymentType.External : EmploymentType.Internal,
            optional,
            OrgPlacement.From(employee, user, input.UnreadableAttributes)), warnings);
    }

    /// <summary>Names are shown, not matched on: one longer than a user's name can be is stored shortened, with a warning.</summary>
    private static string Shortened(string name, string field, PersonioEmployee employee, DirectoryUser? user, List<PlannedStep> warnings)
    {
        if (name.Length <= UserValidation.MaxNameLength)
        {
            return name;
        }

        warnings.Add(new PlannedStep(StepKind.Warn, employee.Id, user?.Id, Subject(employee), "value_shortened",
            new Reason("value_shortened", new Reason("field." + field), UserValidation.MaxNameLength), []));
        return Cut(name, UserValidation.MaxNameLength);
    }

    /// <summary>At most <paramref name="length"/> characters, never splitting a surrogate pair.</summary>
    private static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    /// <summary>Fits a shown text into its column, marking the cut.</summary>
    internal static string Clamp(string text, int length) => text.Length <= length ? text : Cut(text, length - 1) + "…";

    /// <summary>
    /// Field-by-field differences between a user (null: a new one) and what Personio says; payment data compared by
    /// value (opened) and masked.
    /// </summary>
    internal static List<FieldChange> Diff(DirectoryUser? user, DesiredUser desired, PaymentDataSeal seal)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string? before, string? after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, before, after));
            }
        }

        Compare("firstName", user?.FirstName, desired.FirstName);
        Compare("lastName", user?.LastName, desired.LastName);
        if (user is null || user.NormalizedEmail != DirectoryUser.NormalizeEmail(desired.Email))
        {
            Compare("email", user?.Email, desired.Email);
        }

        if (user is null || user.EmploymentType != desired.EmploymentType)
        {
            Compare("employmentType", user is null ? null : Lower(user.EmploymentType), Lower(desired.EmploymentType));
        }

        foreach (var (field, value) in desired.Optional)
        {
            // An unchanged value is told by its fingerprint, without opening it: an unchanged run opens nothing.
            if (user is not null && seal.KnownToHold(field.Name, field.StoredOf(user), user.PaymentFingerprint, value))
            {
                continue;
            }

            var before = user is null ? PaymentValue.None : field.ValueOf(user, seal);
            if (before.DiffersFrom(value))
            {
                changes.Add(new FieldChange(field.Name, before.Masked(field.Name), PaymentMask.Of(field.Name, value)));
            }
        }

        changes.AddRange(desired.Org.Diff(user is null ? null : OrgPlacement.Of(user)));
        return changes;
    }

    private static IEnumerable<FieldChange> StatusChange(UserStatus before, UserStatus after) =>
        before == after ? [] : [Change("status", before, after)];

    private static FieldChange Change<T>(string field, T before, T after) =>
        new(field, before is null ? null : Lower(before), after is null ? null : Lower(after));

    private static string Lower<T>(T value) => value switch
    {
        Enum e => e.ToString().ToLowerInvariant(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    /// <summary>Names cut short enough that the email and the id always show; the whole is cut to its column when recorded.</summary>
    private static string Subject(PersonioEmployee e) =>
        $"{Clamp(e.FirstName ?? "", 100)} {Clamp(e.LastName ?? "", 100)}".Trim() is { Length: > 0 } name ? $"{name} <{Clamp(e.Email ?? "", 320)}> (#{e.Id})" : $"Personio employee #{e.Id}";
}
