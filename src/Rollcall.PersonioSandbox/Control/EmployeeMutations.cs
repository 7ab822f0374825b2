using System.Collections.Frozen;
using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.Webhooks;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>
/// Applies control-API changes the way Personio records them: <c>updated_at</c>/<c>last_modified_at</c>
/// move to "now", the changed attribute keys are remembered for <c>updated_since</c>, and the documented
/// webhook events fire.
/// </summary>
internal sealed class EmployeeMutations(TimeProvider time, WebhookDispatcher webhooks)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => Dates.Today(time.GetUtcNow());

    /// <summary>Changes the person and/or its current employment; null when the id is unknown.</summary>
    public Person? Change(Company company, int id, Func<Person, Person> change, params string[] changedKeys)
    {
        var now = Now;
        if (company.Update(id, p => Stamp(p, change(p), changedKeys, now)) is not { } result)
        {
            return null;
        }

        var (before, after) = result;
        Announce(company, before, after, changedKeys);
        return after;
    }

    public void Announce(Company company, Person before, Person after, IReadOnlyCollection<string> changedKeys)
    {
        if (changedKeys.Any(k => WebhookEvents.PersonUpdateFields.Contains(k) || k.StartsWith("dynamic_", StringComparison.Ordinal)))
        {
            Publish(company, WebhookEvents.PersonUpdated, after);
        }

        if (after.Employments.Length > before.Employments.Length)
        {
            Publish(company, WebhookEvents.EmploymentCreated, after, after.Current);
            if (after.Current.StartDate <= Today)
            {
                Publish(company, WebhookEvents.EmploymentStarted, after, after.Current);
            }
        }
        else if (!ReferenceEquals(before.Current, after.Current))
        {
            Publish(company, WebhookEvents.EmploymentUpdated, after, after.Current);
            if (before.Current.Termination is null && after.Current.Termination is { } t && t.TerminationDate <= Today)
            {
                // Personio fires this on the effective date; the sandbox fires it at once when that date has come.
                Publish(company, WebhookEvents.EmploymentTerminated, after, after.Current);
            }
        }
    }

    /// <summary>Deletes the person for good, firing <c>person.deleted</c> and <c>employment.deleted</c>; null when the id is unknown.</summary>
    public Person? Delete(Company company, int id)
    {
        if (company.Remove(id) is not { } removed)
        {
            return null;
        }

        Publish(company, WebhookEvents.PersonDeleted, removed);
        foreach (var employment in removed.Employments)
        {
            Publish(company, WebhookEvents.EmploymentDeleted, removed, employment);
        }

        return removed;
    }

    public int Publish(Company company, string eventName, Person person, Employment? employment = null)
    {
        var payload = employment is null
            ? new Dictionary<string, string> { ["id"] = Persons.CompanyIds.Text(person.Id) }
            : new Dictionary<string, string> { ["id"] = employment.Id.ToString(), ["person_id"] = Persons.CompanyIds.Text(person.Id) };
        return webhooks.Publish(company.Id, eventName, payload);
    }

    private static Person Stamp(Person before, Person after, string[] changedKeys, DateTimeOffset now)
    {
        var personChanged = changedKeys.Any(k => WebhookEvents.PersonUpdateFields.Contains(k) || k.StartsWith("dynamic_", StringComparison.Ordinal));
        var changes = new Dictionary<string, DateTimeOffset>(before.AttributeChanges ?? FrozenDictionary<string, DateTimeOffset>.Empty, StringComparer.Ordinal);
        foreach (var key in changedKeys.Append("last_modified_at"))
        {
            changes[key] = now;
        }

        var employment = ReferenceEquals(before.Current, after.Current) ? after.Current : after.Current with { UpdatedAt = now };
        return after with
        {
            UpdatedAt = personChanged ? now : after.UpdatedAt,
            Employments = [employment, .. after.Employments.Skip(1)],
            AttributeChanges = changes.ToFrozenDictionary(StringComparer.Ordinal),
        };
    }
}
