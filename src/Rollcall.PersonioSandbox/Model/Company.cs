using System.Collections.Immutable;

namespace Rollcall.PersonioSandbox.Model;

/// <summary>
/// One Personio account. <see cref="People"/> and <see cref="Reference"/> are swapped copy-on-write under
/// <see cref="_gate"/>, so readers page through a consistent snapshot without locking.
/// </summary>
internal sealed class Company
{
    private readonly Lock _gate = new();
    private ImmutableArray<Person> _people;
    private CompanyReferenceData _reference;
    private ImmutableHashSet<int> _withheld = [];

    public Company(CompanyReferenceData reference, ImmutableArray<Person> people)
    {
        _reference = reference;
        _people = people;
        NextEmployeeId = people.IsEmpty ? reference.FirstEmployeeId : people[^1].Id + 1;
    }

    public string Id => Reference.Id;
    public string Name => Reference.Name;
    public CompanyReferenceData Reference => Volatile.Read(ref _reference);
    public IReadOnlyList<CustomAttribute> CustomAttributes => Reference.CustomAttributes;

    /// <summary>Sorted by id ascending.</summary>
    public ImmutableArray<Person> People => _people;

    public int NextEmployeeId { get; private set; }

    /// <summary>
    /// Whether the person is hidden from the Personio API for now (an armed insert_between_pages fault).
    /// A withheld person stays in <see cref="People"/>, so the id order and lookups are untouched.
    /// </summary>
    public bool IsWithheld(int id) => _withheld.Contains(id);

    public bool HasWithheld => !_withheld.IsEmpty;

    public void Withhold(int id) => ImmutableInterlocked.Update(ref _withheld, s => s.Add(id));

    public void Reveal(int id) => ImmutableInterlocked.Update(ref _withheld, s => s.Remove(id));

    public Person? Find(int id)
    {
        var people = People;
        var index = IndexOf(people, id);
        return index >= 0 ? people[index] : null;
    }

    /// <summary>Appends the person <paramref name="create"/> builds for the next id; it runs under the lock and may read <see cref="People"/>.</summary>
    public Person Add(Func<int, Person> create)
    {
        lock (_gate)
        {
            var person = create(NextEmployeeId);
            NextEmployeeId = person.Id + 1;
            ImmutableInterlocked.InterlockedExchange(ref _people, _people.Add(person));
            return person;
        }
    }

    /// <summary>Replaces the reference data, e.g. when the account books or cancels the legal-entities feature.</summary>
    public CompanyReferenceData ChangeReference(Func<CompanyReferenceData, CompanyReferenceData> change)
    {
        lock (_gate)
        {
            var changed = change(_reference);
            Volatile.Write(ref _reference, changed);
            return changed;
        }
    }

    /// <summary>Applies <paramref name="change"/> atomically; returns (before, after) or null when the id is unknown.</summary>
    public (Person Before, Person After)? Update(int id, Func<Person, Person> change)
    {
        lock (_gate)
        {
            var index = IndexOf(_people, id);
            if (index < 0)
            {
                return null;
            }

            var before = _people[index];
            var after = change(before);
            ImmutableInterlocked.InterlockedExchange(ref _people, _people.SetItem(index, after));
            return (before, after);
        }
    }

    public Person? Remove(int id)
    {
        lock (_gate)
        {
            var index = IndexOf(_people, id);
            if (index < 0)
            {
                return null;
            }

            var removed = _people[index];
            ImmutableInterlocked.InterlockedExchange(ref _people, _people.RemoveAt(index));
            return removed;
        }
    }

    private static int IndexOf(ImmutableArray<Person> people, int id)
    {
        int low = 0, high = people.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var current = people[mid].Id;
            if (current == id)
            {
                return mid;
            }

            if (current < id)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return -1;
    }
}
