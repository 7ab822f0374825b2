using System.Globalization;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Employees;
using Rollcall.PersonioSandbox.Persons;

namespace Rollcall.PersonioSandbox.Faults;

/// <summary>Armed faults, consumed by <see cref="FaultMiddleware"/>. Singleton, like the rest of the state.</summary>
internal sealed class FaultInjector(IOptions<EmployeesOptions> employees)
{
    private readonly List<Fault> _faults = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<Fault> Armed
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults];
            }
        }
    }

    public Fault Arm(Fault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }

        return fault;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Takes the first fault matching the request, counting it down.</summary>
    public Fault? Take(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        var page = PageOf(request);
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Matches(path, page));
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index];
            if (fault.Remaining is { } remaining)
            {
                if (remaining <= 1)
                {
                    _faults.RemoveAt(index);
                }
                else
                {
                    _faults[index] = fault with { Remaining = remaining - 1 };
                }
            }

            return fault;
        }
    }

    /// <summary>0-based page: from offset/limit on v1, from the cursor on v2.</summary>
    private int PageOf(HttpRequest request)
    {
        if (request.Query.TryGetValue("cursor", out var cursor))
        {
            return PersonsCursor.Decode(cursor.ToString())?.Page ?? 0;
        }

        var options = employees.Value;
        var limit = int.TryParse(request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0
            ? Math.Min(l, options.MaxLimit)
            : options.DefaultLimit;
        var offset = int.TryParse(request.Query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        return offset / limit;
    }
}
