using System.Globalization;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary>The <c>/v2/persons</c> filters, ANDed. <see cref="Error"/> is the 400 detail for a bad filter.</summary>
internal sealed class PersonFilter
{
    private static readonly HashSet<string> Plain = ["id", "email", "first_name", "last_name", "preferred_name", "status"];
    private static readonly HashSet<string> Timed = ["created_at", "updated_at"];
    private readonly List<Func<Person, DateOnly, bool>> _conditions = [];

    public string? Error { get; private set; }

    /// <summary>The <c>id</c> filter, if any: lets the caller look people up instead of scanning everyone.</summary>
    public IReadOnlySet<int>? Ids { get; private set; }

    public static PersonFilter Parse(V2Query query)
    {
        var filter = new PersonFilter();
        foreach (var key in query.Filters.Keys)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            var name = dot < 0 ? key : key[..dot];
            var op = dot < 0 ? null : key[(dot + 1)..];
            if (op is not null && (!Timed.Contains(name) || op is not ("gt" or "lt")))
            {
                filter.Error = "Provided filter encoding is invalid.";
                return filter;
            }

            if ((Plain.Contains(name) || Timed.Contains(name)) && query.Get(key) is { } value && !filter.Add(name, op, value))
            {
                filter.Error = "Provided request parameters are invalid.";
                return filter;
            }
        }

        return filter;
    }

    public bool Matches(Person person, DateOnly today) => _conditions.TrueForAll(c => c(person, today));

    private bool Add(string name, string? op, string value)
    {
        var values = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (name)
        {
            case "id":
                var ids = new HashSet<int>();
                foreach (var v in values)
                {
                    if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    {
                        return false;
                    }

                    ids.Add(id);
                }

                _conditions.Add((p, _) => ids.Contains(p.Id));
                Ids = ids;
                return true;
            case "email":
                var emails = values.ToHashSet(StringComparer.OrdinalIgnoreCase);
                _conditions.Add((p, _) => emails.Contains(p.Email));
                return true;
            case "first_name": _conditions.Add((p, _) => p.FirstName == value); return true;
            case "last_name": _conditions.Add((p, _) => p.LastName == value); return true;
            case "preferred_name": _conditions.Add((p, _) => p.PreferredName == value); return true;
            case "status" when value is "ACTIVE" or "INACTIVE":
                _conditions.Add((p, today) => V2Status.OfPerson(p, today) == value);
                return true;
            case "created_at" or "updated_at" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at):
                Func<Person, DateTimeOffset> field = name == "created_at" ? p => p.CreatedAt : p => p.UpdatedAt;
                _conditions.Add(op switch
                {
                    "gt" => (p, _) => field(p) > at,
                    "lt" => (p, _) => field(p) < at,
                    _ => (p, _) => Truncate(field(p)) == Truncate(at),
                });
                return true;
            default:
                return false;
        }
    }

    /// <summary>Timestamps are sent to the second, so an exact-match filter compares whole seconds.</summary>
    internal static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
