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

    /// <summary>Whether some armed fault hits only one credential's requests (then the caller must be found first).</summary>
    public bool AnyForOneCredential
    {
        get
        {
            lock (_gate)
            {
                return _faults.Any(f => f.ClientId is not null);
            }
        }
    }

    /// <summary>Disarms every fault; people withheld by an insert fault that never fired become visible again.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var withheld in _faults.SelectMany(f => f.Withheld))
            {
                withheld.Company.Reveal(withheld.EmployeeId);
            }

            _faults.Clear();
        }
    }

    /// <summary>
    /// Takes the first fault matching the request, counting it down, except a fault that fires after the
    /// response: that one is counted down by <see cref="TryConsume"/> when it fires.
    /// </summary>
    public Fault? Take(HttpRequest request, string? clientId)
    {
        var path = request.Path.Value ?? "/";
        var page = PageOf(request);
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Matches(path, page, clientId));
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index];
            if (!fault.FiresAfterResponse)
            {
                CountDown(index);
            }

            return fault;
        }
    }

    /// <summary>Counts down a fault that fires after its response; false when it was cleared or used up meanwhile.</summary>
    public bool TryConsume(Fault fault)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Id == fault.Id);
            if (index < 0)
            {
                return false;
            }

            CountDown(index);
            return true;
        }
    }

    private void CountDown(int index)
    {
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
    }

    /// <summary>0-based page: from offset/limit on v1, from the cursor on v2 (0 for requests without paging).</summary>
    public int PageOf(HttpRequest request)
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
