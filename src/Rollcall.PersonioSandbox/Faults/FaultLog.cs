namespace Rollcall.PersonioSandbox.Faults;

/// <summary>A fault that fired. <paramref name="EmployeeId"/> is the person deleted or revealed by the between-pages kinds.</summary>
/// <param name="FaultId">The armed fault's id.</param>
/// <param name="Kind">What it did.</param>
/// <param name="Method">HTTP method of the request it hit.</param>
/// <param name="Path">Path of the request it hit.</param>
/// <param name="Page">0-based page of that request, as faults match pages (0 for requests without paging).</param>
/// <param name="EmployeeId">delete_between_pages and insert_between_pages: the affected employee; null when the position was past the list's end.</param>
/// <param name="FiredAt">When it fired, on the sandbox's clock.</param>
public sealed record FiredFault(Guid FaultId, FaultKind Kind, string Method, string Path, int Page, int? EmployeeId, DateTimeOffset FiredAt);

/// <summary>The faults that fired, oldest first; the last 1,000 are kept.</summary>
internal sealed class FaultLog(TimeProvider time)
{
    private const int Capacity = 1000;
    private readonly Queue<FiredFault> _fired = new();
    private readonly Lock _gate = new();

    public IReadOnlyList<FiredFault> Fired
    {
        get
        {
            lock (_gate)
            {
                return [.. _fired];
            }
        }
    }

    public void Record(Fault fault, HttpRequest request, int page, int? employeeId = null)
    {
        var fired = new FiredFault(fault.Id, fault.Kind, request.Method, request.Path.Value ?? "/", page, employeeId, time.GetUtcNow());
        lock (_gate)
        {
            _fired.Enqueue(fired);
            if (_fired.Count > Capacity)
            {
                _fired.Dequeue();
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _fired.Clear();
        }
    }
}
