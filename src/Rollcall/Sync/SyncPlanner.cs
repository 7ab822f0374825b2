using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Directory;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>
/// The pure planner: from (employees, users, mapping, policy) to the steps a run takes. It reads nothing else and
/// changes nothing, so a preview shows exactly what a real run with the same data applies.
/// </summary>
internal static class SyncPlanner
{
    public static SyncPlan Plan(PlannerInput input)
    {
        var steps = new List<PlannedStep>();
        var ignored = new Dictionary<string, int>(StringComparer.Ordinal);
        var byAnchor = input.Users.Where(u => u.Source == UserSource.Personio && u.PersonioEmployeeId is not null)
            .ToDictionary(u => u.PersonioEmployeeId!.Value);
        var byEmail = input.Users.ToDictionary(u => u.NormalizedEmail, StringComparer.Ordinal);
        var employeeIds = input.Employees.Select(e => e.Id).ToHashSet();

        var decisions = input.Employees
            .Select(e => (Employee: e, User: byAnchor.GetValueOrDefault(e.Id), Decision: input.Policy.Decide(e, byAnchor.GetValueOrDefault(e.Id))))
            .ToList();
        var importable = decisions.Where(d => d.Decision.Disposition == Disposition.Import && UserValidation.IsValidEmail(d.Employee.Email)).ToList();
        var sharedEmails = importable.GroupBy(d => DirectoryUser.NormalizeEmail(d.Employee.Email!))
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Employee.Id).ToList(), StringComparer.Ordinal);
        var wanted = importable.Select(d => d.Employee.Id).ToHashSet();
        var reanchored = new HashSet<Guid>();
        var removals = new List<(long EmployeeId, DirectoryUser User, string Subject, string Code, string Reason)>();

        foreach (var (employee, user, (disposition, code, reason)) in decisions)
        {
            var subject = Subject(employee);
            if (disposition == Disposition.Ignore)
            {
                ignored[code] = ignored.GetValueOrDefault(code) + 1;
                continue;
            }

            if (disposition == Disposition.Remove)
            {
                // Decided after the loop: a later employee may still take this user over (a rehire under a new id).
                if (user is { Status: not UserStatus.Deactivated })
                {
                    removals.Add((employee.Id, user, subject, code, reason));
                }

                continue;
            }

            if (code is "unknown_status" or "no_employment_type" or "unknown_employment_type")
            {
                steps.Add(new PlannedStep(StepKind.Skip, employee.Id, user?.Id, subject, code, reason, []));
                continue;
            }

            if (!UserValidation.IsValidEmail(employee.Email))
            {
                var (emailCode, emailReason) = employee.Email is null
                    ? ("no_email", "No email in Personio (or the email attribute is not readable); skipped.")
                    : ("invalid_email", "The email in Personio is not a valid address; skipped.");
                steps.Add(new PlannedStep(StepKind.Skip, employee.Id, user?.Id, subject, emailCode, emailReason, []));
                continue;
            }

            var email = DirectoryUser.NormalizeEmail(employee.Email!);
            if (disposition == Disposition.Import && sharedEmails.TryGetValue(email, out var sharing))
            {
                steps.Add(new PlannedStep(StepKind.Skip, employee.Id, user?.Id, subject, "duplicate_email",
                    $"Personio employees {string.Join(", ", sharing)} share this email; fix it in Personio.", []));
                continue;
            }

            var (desired, warnings) = Desired(employee, user, input);
            steps.AddRange(warnings);
            var holder = byEmail.GetValueOrDefault(email);
            if (user is not null)
            {
                if (holder is not null && holder.Id != user.Id)
                {
                    steps.Add(new PlannedStep(StepKind.Skip, employee.Id, user.Id, subject, "email_taken",
                        "Personio's new email belongs to another user here; nothing changed.", []));
                    continue;
                }

                steps.AddRange(ForExistingUser(employee, user, desired, disposition, subject, reason));
                continue;
            }

            if (disposition != Disposition.Import)
            {
                continue;
            }

            if (holder is null)
            {
                steps.Add(new PlannedStep(StepKind.Create, employee.Id, null, subject, code, "New active internal employee: invited.",
                    Diff(null, desired), desired, UserStatus.Invited));
            }
            else if (CanLink(holder, input, employeeIds, wanted))
            {
                reanchored.Add(holder.Id);
                var status = holder.Status == UserStatus.Deactivated ? Reactivated(holder) : holder.Status;
                steps.Add(new PlannedStep(StepKind.Link, employee.Id, holder.Id, subject, "linked_by_email",
                    holder.Source == UserSource.Manual ? "An existing user has this email: linked to Personio instead of a duplicate."
                        : "This email's user belonged to a Personio employee who is gone or inactive: moved over.",
                    [.. Diff(holder, desired), .. StatusChange(holder.Status, status), Change("personioEmployeeId", holder.PersonioEmployeeId, employee.Id)],
                    desired, status));
            }
            else
            {
                steps.Add(new PlannedStep(StepKind.Skip, employee.Id, holder.Id, subject, "email_taken",
                    holder.Source == UserSource.Manual
                        ? "A user created by hand has this email; Rollcall never changes hand-made users after the first sync."
                        : "Another Personio employee's user has this email.", []));
            }
        }

        foreach (var (employeeId, user, subject, code, reason) in removals.Where(r => !reanchored.Contains(r.User.Id)))
        {
            steps.Add(new PlannedStep(StepKind.Deactivate, employeeId, user.Id, subject, code, reason,
                [Change("status", user.Status, UserStatus.Deactivated)], NewStatus: UserStatus.Deactivated));
        }

        foreach (var gone in input.Users.Where(u => u.Source == UserSource.Personio && u.Status != UserStatus.Deactivated
                     && u.PersonioEmployeeId is { } id && !employeeIds.Contains(id) && !reanchored.Contains(u.Id)))
        {
            steps.Add(Gone(gone, input.GoneChecks));
        }

        var managed = input.Users.Count(u => u.Source == UserSource.Personio && u.Status != UserStatus.Deactivated);
        var deactivations = steps.Count(s => s.Kind == StepKind.Deactivate);
        var tripped = deactivations >= input.GuardMinimum && deactivations * 100 > input.GuardPercent * managed;
        return new SyncPlan(steps, tripped, ignored);
    }

    /// <summary>
    /// A user whose employee is missing from Personio's list is deactivated only on Personio's word about that
    /// person (a 404 when asked); missing from a paged list alone proves nothing, since records slide between pages.
    /// </summary>
    private static PlannedStep Gone(DirectoryUser user, IReadOnlyDictionary<long, GoneCheck>? checks)
    {
        var id = user.PersonioEmployeeId!.Value;
        var subject = Clamp($"{user.FirstName} {user.LastName} <{user.Email}>", SyncRunStep.SubjectLength);
        var deactivate = new[] { Change("status", user.Status, UserStatus.Deactivated) };
        return checks is null
            ? new PlannedStep(StepKind.Deactivate, id, user.Id, subject, "gone",
                "Missing from Personio's list (not confirmed one by one: too many for this run; held for approval).", deactivate, NewStatus: UserStatus.Deactivated)
            : checks.GetValueOrDefault(id, GoneCheck.NotAsked) switch
            {
                GoneCheck.Confirmed => new PlannedStep(StepKind.Deactivate, id, user.Id, subject, "gone",
                    "No longer in Personio (confirmed: Personio has no employee with this id).", deactivate, NewStatus: UserStatus.Deactivated),
                GoneCheck.Unanswered => new PlannedStep(StepKind.Warn, id, user.Id, subject, "gone_unconfirmed",
                    "Missing from Personio's list, but Personio gave no answer when asked about this person; kept, the next run asks again.", []),
                _ => new PlannedStep(StepKind.Warn, id, user.Id, subject, "gone_unconfirmed",
                    "Missing from Personio's list; not confirmed in this run (its confirmation reads were used up); kept, the next run asks again.", []),
            };
    }

    private static IEnumerable<PlannedStep> ForExistingUser(PersonioEmployee employee, DirectoryUser user, DesiredUser desired, Disposition disposition, string subject, string reason)
    {
        var changes = Diff(user, desired);
        if (disposition == Disposition.Import && user.Status == UserStatus.Deactivated)
        {
            var status = Reactivated(user);
            yield return new PlannedStep(StepKind.Reactivate, employee.Id, user.Id, subject, "active", "Active and internal in Personio again: reactivated.",
                [.. changes, .. StatusChange(user.Status, status)], desired, status);
        }
        else if (changes.Count > 0)
        {
            yield return new PlannedStep(StepKind.Update, employee.Id, user.Id, subject, "changed", reason, changes, desired, user.Status);
        }
    }

    /// <summary>Hand-made users are linked only on the first sync; a Personio user only if its employee is gone or no longer wants it.</summary>
    private static bool CanLink(DirectoryUser holder, PlannerInput input, HashSet<long> employeeIds, HashSet<long> wanted) =>
        holder.Source == UserSource.Manual
            ? input.IsFirstSync
            : holder.PersonioEmployeeId is not { } anchor || !employeeIds.Contains(anchor) || !wanted.Contains(anchor);

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
                    user is not null && field.ValueOf(user) is not null ? read.ProblemKept : read.Problem, []));
                continue;
            }

            optional[field] = read.Value;
        }

        return (new DesiredUser(
            Shortened(employee.FirstName ?? user?.FirstName ?? "", "first name", employee, user, warnings),
            Shortened(employee.LastName ?? user?.LastName ?? "", "last name", employee, user, warnings),
            employee.Email!.Trim(),
            EmploymentType.Internal,
            optional), warnings);
    }

    /// <summary>Names are shown, not matched on: one longer than a user's name can be is stored shortened, with a warning.</summary>
    private static string Shortened(string name, string field, PersonioEmployee employee, DirectoryUser? user, List<PlannedStep> warnings)
    {
        if (name.Length <= UserValidation.MaxNameLength)
        {
            return name;
        }

        warnings.Add(new PlannedStep(StepKind.Warn, employee.Id, user?.Id, Subject(employee), "value_shortened",
            $"The {field} in Personio is longer than {UserValidation.MaxNameLength} characters; stored shortened.", []));
        return Cut(name, UserValidation.MaxNameLength);
    }

    /// <summary>At most <paramref name="length"/> characters, never splitting a surrogate pair.</summary>
    private static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    /// <summary>Fits a shown text into its column, marking the cut.</summary>
    internal static string Clamp(string text, int length) => text.Length <= length ? text : Cut(text, length - 1) + "…";

    /// <summary>Field-by-field differences between a user (null: a new one) and what Personio says; IBANs masked.</summary>
    internal static List<FieldChange> Diff(DirectoryUser? user, DesiredUser desired)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string? before, string? after, bool masked = false)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, masked ? Iban.MaskOrNull(before) : before, masked ? Iban.MaskOrNull(after) : after));
            }
        }

        Compare("firstName", user?.FirstName, desired.FirstName);
        Compare("lastName", user?.LastName, desired.LastName);
        if (user is null || user.NormalizedEmail != DirectoryUser.NormalizeEmail(desired.Email))
        {
            Compare("email", user?.Email, desired.Email);
        }

        Compare("employmentType", user is null ? null : Lower(user.EmploymentType), Lower(desired.EmploymentType));
        foreach (var (field, value) in desired.Optional)
        {
            Compare(field.Name, user is null ? null : field.ValueOf(user), value, masked: field.Masked);
        }

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

    private static string Subject(PersonioEmployee e) => Clamp(
        $"{Clamp(e.FirstName ?? "", 100)} {Clamp(e.LastName ?? "", 100)}".Trim() is { Length: > 0 } name ? $"{name} <{Clamp(e.Email ?? "", 320)}> (#{e.Id})" : $"Personio employee #{e.Id}",
        SyncRunStep.SubjectLength);
}
