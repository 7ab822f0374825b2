using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Directory;
using Rollcall.Personio;

namespace Rollcall.Sync;

internal static partial class SyncPlanner
{
    private sealed record Decided(PersonioEmployee Employee, DirectoryUser? User, Disposition Disposition, string Code, Reason Reason);

    /// <summary>One planning pass: the indexes over users and employees, and the steps as they are decided.</summary>
    private sealed class Planning
    {
        private readonly PlannerInput _input;
        private readonly List<PlannedStep> _steps = [];
        private readonly Dictionary<string, int> _ignored = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DirectoryUser> _byEmail;
        private readonly HashSet<long> _employeeIds;
        private readonly HashSet<long> _wanted;
        private readonly Dictionary<string, List<long>> _sharedEmails;
        private readonly HashSet<Guid> _reanchored = [];
        private readonly List<Decided> _removals = [];

        public Planning(PlannerInput input)
        {
            _input = input;
            var byAnchor = input.Users.Where(u => u.Source == UserSource.Personio && u.PersonioEmployeeId is not null)
                .ToDictionary(u => u.PersonioEmployeeId!.Value);
            _byEmail = input.Users.ToDictionary(u => u.NormalizedEmail, StringComparer.Ordinal);
            _employeeIds = input.Employees.Select(e => e.Id).ToHashSet();
            Decisions = input.Employees.Select(e =>
            {
                var user = byAnchor.GetValueOrDefault(e.Id);
                var (disposition, code, reason) = input.Policy.Decide(e, user);
                return new Decided(e, user, disposition, code, reason);
            }).ToList();
            var importable = Decisions.Where(d => d.Disposition == Disposition.Import && UserValidation.IsValidEmail(d.Employee.Email)).ToList();
            _sharedEmails = importable.GroupBy(d => DirectoryUser.NormalizeEmail(d.Employee.Email!))
                .Where(g => g.Count() > 1)
                .ToDictionary(g => g.Key, g => g.Select(d => d.Employee.Id).ToList(), StringComparer.Ordinal);
            _wanted = importable.Select(d => d.Employee.Id).ToHashSet();
        }

        public IReadOnlyList<Decided> Decisions { get; }

        public void Plan(Decided d)
        {
            switch (d.Disposition)
            {
                case Disposition.Ignore:
                    _ignored[d.Code] = _ignored.GetValueOrDefault(d.Code) + 1;
                    return;
                case Disposition.Remove:
                    if (d.User is { Status: not UserStatus.Deactivated })
                    {
                        _removals.Add(d);
                    }

                    return;
                case Disposition.Keep when d.Code is "unknown_status" or "no_employment_type" or "unknown_employment_type" or "scope_unknown":
                    Skip(d, d.User, d.Code, d.Reason);
                    return;
            }

            if (EmailProblem(d) is { } problem)
            {
                Skip(d, d.User, problem.Code, problem.Reason);
                return;
            }

            var (desired, warnings) = Desired(d.Employee, d.User, _input);
            _steps.AddRange(warnings);
            var holder = _byEmail.GetValueOrDefault(DirectoryUser.NormalizeEmail(d.Employee.Email!));
            if (d.User is { } user)
            {
                if (holder is not null && holder.Id != user.Id)
                {
                    Skip(d, user, "email_taken", new Reason("email_taken.new_email"));
                    return;
                }

                _steps.AddRange(ForExistingUser(d.Employee, user, desired, d.Disposition, d.Reason, _input.Seal));
            }
            else if (d.Disposition == Disposition.Import)
            {
                PlanNewUser(d, desired, holder);
            }
        }

        /// <summary>No user is anchored on this employee: create one, link the user with the email, or skip.</summary>
        private void PlanNewUser(Decided d, DesiredUser desired, DirectoryUser? holder)
        {
            var employee = d.Employee;
            if (holder is null)
            {
                _steps.Add(new PlannedStep(StepKind.Create, employee.Id, null, Subject(employee), d.Code, d.Reason.Key == "active" ? new Reason("active.invited") : d.Reason,
                    Diff(null, desired, _input.Seal), desired, UserStatus.Invited));
            }
            else if (CanLink(holder))
            {
                _reanchored.Add(holder.Id);
                var status = holder.Status == UserStatus.Deactivated ? Reactivated(holder) : holder.Status;
                _steps.Add(new PlannedStep(StepKind.Link, employee.Id, holder.Id, Subject(employee), "linked_by_email",
                    new Reason(holder.Source == UserSource.Manual ? "linked_by_email.manual" : "linked_by_email.moved"),
                    [.. Diff(holder, desired, _input.Seal), .. StatusChange(holder.Status, status), Change("personioEmployeeId", holder.PersonioEmployeeId, employee.Id)],
                    desired, status, Payment: PaymentValues.Of(holder, desired.Optional, _input.Seal)));
            }
            else
            {
                Skip(d, holder, "email_taken", new Reason(holder.Source == UserSource.Manual ? "email_taken.hand_made" : "email_taken.other_employee"));
            }
        }

        /// <summary>No, an invalid, or a shared email: the employee is skipped.</summary>
        private (string Code, Reason Reason)? EmailProblem(Decided d)
        {
            if (!UserValidation.IsValidEmail(d.Employee.Email))
            {
                return d.Employee.Email is null
                    ? ("no_email", new Reason("no_email"))
                    : ("invalid_email", new Reason("invalid_email.personio"));
            }

            return d.Disposition == Disposition.Import && _sharedEmails.TryGetValue(DirectoryUser.NormalizeEmail(d.Employee.Email!), out var sharing)
                ? ("duplicate_email", new Reason("duplicate_email", string.Join(", ", sharing)))
                : null;
        }

        /// <summary>
        /// Hand-made users are linked only on the first sync; a Personio user only if its employee is gone or no longer
        /// wants it. A partial plan knows only the employees it read: one it did not read is not taken for gone.
        /// </summary>
        private bool CanLink(DirectoryUser holder) =>
            holder.Source == UserSource.Manual
                ? _input.IsFirstSync
                : holder.PersonioEmployeeId is not { } anchor
                  || (_employeeIds.Contains(anchor) ? !_wanted.Contains(anchor) : !_input.Partial);

        /// <summary>Users whose employee Personio says should not be one (inactive, external…), unless another employee took them over.</summary>
        public void PlanRemovals()
        {
            foreach (var d in _removals.Where(r => !_reanchored.Contains(r.User!.Id)))
            {
                _steps.Add(new PlannedStep(StepKind.Deactivate, d.Employee.Id, d.User!.Id, Subject(d.Employee), d.Code, d.Reason,
                    [Change("status", d.User.Status, UserStatus.Deactivated)], NewStatus: UserStatus.Deactivated));
            }
        }

        /// <summary>Users whose employee is missing from the list: deactivated only on Personio's word (<see cref="Gone"/>).</summary>
        public void PlanAbsences()
        {
            if (_input.Partial)
            {
                return; // only the persons read were judged: nobody is missing from a list that was never read whole
            }

            foreach (var absent in _input.Users.Where(u => u.Source == UserSource.Personio && u.Status != UserStatus.Deactivated
                         && u.PersonioEmployeeId is { } id && !_employeeIds.Contains(id) && !_reanchored.Contains(u.Id)))
            {
                _steps.Add(Gone(absent, _input.GoneChecks));
            }
        }

        /// <summary>The plan, with the mass-change guard: more than GuardPercent of the managed users and at least GuardMinimum.</summary>
        public SyncPlan Finish()
        {
            var managed = _input.Users.Count(u => u.Source == UserSource.Personio && u.Status != UserStatus.Deactivated);
            var deactivations = _steps.Count(s => s.Kind == StepKind.Deactivate);
            var tripped = deactivations >= _input.GuardMinimum && deactivations * 100 > _input.GuardPercent * managed;
            var paymentTripped = HoldPaymentChanges();
            PlanManagerWarnings(tripped);
            return new SyncPlan(_steps, tripped, _ignored) { People = People(), Partial = _input.Partial, PaymentGuardTripped = paymentTripped };
        }

        /// <summary>
        /// The payment guard: when more users' IBANs or creditor numbers would move than PaymentGuardMinimum and
        /// PaymentGuardPercent of the company's users, exactly those changes are held (a step of their own each); the
        /// rest of each person's step, and everything else, applies. A first value moves no money and is not counted.
        /// </summary>
        private bool HoldPaymentChanges()
        {
            var users = _input.Users.Count(u => u.Status != UserStatus.Deactivated);
            var moving = _steps.Count(s => s.Payment?.MovesMoney == true);
            var tripped = moving > _input.PaymentGuardMinimum && moving * 100 > _input.PaymentGuardPercent * users;
            bool Holds(PlannedStep s) => s.Payment is { } p && (tripped
                ? p.MovesMoney
                : s.UserId is { } id && _input.HeldPayments?.Contains(id) == true && p.Fields.Keys.Any(PaymentValues.Guarded.Contains));
            if (!_steps.Exists(Holds))
            {
                return false;
            }

            var steps = _steps.ToList();
            _steps.Clear();
            foreach (var step in steps)
            {
                if (!Holds(step) || step.Payment is not { } payment)
                {
                    _steps.Add(step);
                    continue;
                }

                var held = payment.Only(PaymentValues.Guarded.Contains);
                var rest = step with
                {
                    Changes = [.. step.Changes.Where(c => !held.Fields.ContainsKey(c.Field))],
                    Desired = step.Desired! with { Optional = step.Desired.Optional.Where(o => !held.Fields.ContainsKey(o.Key.Name)).ToDictionary() },
                    Payment = payment.Only(f => !held.Fields.ContainsKey(f)) is { Fields.Count: > 0 } other ? other : null,
                };
                if (rest.Kind != StepKind.Update || rest.Changes.Count > 0)
                {
                    _steps.Add(rest);
                }

                _steps.Add(new PlannedStep(StepKind.Update, step.EmployeeId, step.UserId, step.Subject, "payment_held", new Reason("payment.held"),
                    [.. step.Changes.Where(c => held.Fields.ContainsKey(c.Field))], Payment: held, Hold: true));
            }

            return true;
        }

        /// <summary>
        /// Every employee's outcome: skipped or leaving by their step (the last that is not a warning) and its reason;
        /// otherwise by the policy's decision, whose reason also stands for a user this run creates, links or updates (the
        /// why of being a user does not change with the step, so a later run with nothing new decides the same).
        /// </summary>
        private List<PlannedPerson> People()
        {
            var steps = _steps.Where(s => s.Kind != StepKind.Warn && !s.Hold && s.EmployeeId is not null)
                .GroupBy(s => s.EmployeeId!.Value).ToDictionary(g => g.Key, g => g.Last());
            return Decisions.Select(d => steps.GetValueOrDefault(d.Employee.Id) switch
            {
                { Kind: StepKind.Skip or StepKind.Deactivate } step => new PlannedPerson(d.Employee,
                    step.Kind == StepKind.Skip ? PersonOutcome.Skipped : PersonOutcome.Leaving, step.ReasonCode ?? d.Code, step.Reason ?? d.Reason, step.UserId ?? d.User?.Id),
                { Kind: StepKind.Create or StepKind.Link or StepKind.Reactivate } step => new PlannedPerson(d.Employee, PersonOutcome.User, d.Code, d.Reason, step.UserId ?? d.User?.Id),
                _ => new PlannedPerson(d.Employee, // no step, or an update: the user's status stays as it is
                    d.User is { Status: not UserStatus.Deactivated } && d.Disposition is Disposition.Import or Disposition.Keep ? PersonOutcome.User : PersonOutcome.NotUser,
                    d.Code, d.Reason, d.User?.Id),
            }).ToList();
        }

        /// <summary>
        /// Who will be a user after this run (active or invited), by Personio id; a held plan's deactivations have not
        /// happened. A supervisor outside that set leaves the manager empty, with a warning naming them; supervisors
        /// that lead back to themselves are reported once per loop.
        /// </summary>
        private void PlanManagerWarnings(bool guardTripped)
        {
            if (_input.UnreadableAttributes.Contains(Personio.PersonioOrganisation.Supervisor))
            {
                return;
            }

            var users = _input.Users.Where(u => u.Source == UserSource.Personio && u.Status != UserStatus.Deactivated && u.PersonioEmployeeId is not null)
                .Select(u => u.PersonioEmployeeId!.Value).ToHashSet();
            foreach (var step in _steps.ToList())
            {
                if (step.EmployeeId is not { } id)
                {
                    continue;
                }

                if (step.Kind is StepKind.Create or StepKind.Link or StepKind.Reactivate)
                {
                    users.Add(id);
                }
                else if (step.Kind == StepKind.Deactivate && !guardTripped)
                {
                    users.Remove(id);
                }
            }

            var byId = _input.Employees.ToDictionary(e => e.Id);
            foreach (var employee in _input.Employees.Where(e => users.Contains(e.Id) && e.SupervisorId is { } s && s != e.Id && !users.Contains(s)))
            {
                _steps.Add(new PlannedStep(StepKind.Warn, employee.Id, null, Subject(employee), "manager_not_user",
                    new Reason("manager_not_user", Named(byId, employee.SupervisorId!.Value)), []));
            }

            foreach (var loop in SupervisorLoops(byId))
            {
                var first = byId[loop[0]];
                _steps.Add(new PlannedStep(StepKind.Warn, first.Id, null, Subject(first), "supervisor_cycle",
                    new Reason("supervisor_cycle", string.Join(" → ", loop.Append(loop[0]).Select(id => Named(byId, id)))), []));
            }
        }

        /// <summary>Each loop of supervisors once, starting at its lowest id (walks never repeat: each employee is left once).</summary>
        private static List<List<long>> SupervisorLoops(Dictionary<long, PersonioEmployee> byId)
        {
            var loops = new List<List<long>>();
            var done = new HashSet<long>();
            foreach (var start in byId.Keys.Order())
            {
                var path = new List<long>();
                var onPath = new Dictionary<long, int>();
                for (long? at = start; at is { } id && byId.ContainsKey(id) && !done.Contains(id); at = byId[id].SupervisorId)
                {
                    if (onPath.TryGetValue(id, out var index))
                    {
                        var loop = path[index..];
                        var lowest = loop.IndexOf(loop.Min());
                        loops.Add([.. loop[lowest..], .. loop[..lowest]]);
                        break;
                    }

                    onPath[id] = path.Count;
                    path.Add(id);
                }

                done.UnionWith(path);
            }

            return loops;
        }

        private static string Named(Dictionary<long, PersonioEmployee> byId, long id) =>
            byId.TryGetValue(id, out var e) && $"{e.FirstName} {e.LastName}".Trim() is { Length: > 0 } name ? $"{Clamp(name, 100)} (#{id})" : $"#{id}";

        private void Skip(Decided d, DirectoryUser? user, string code, Reason reason) =>
            _steps.Add(new PlannedStep(StepKind.Skip, d.Employee.Id, user?.Id, Subject(d.Employee), code, reason, []));
    }
}
