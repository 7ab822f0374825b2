namespace Rollcall.Personio;

/// <summary>
/// One walk through Personio's paged list: the ids in the order they came, and what made the walk untrustworthy.
/// The records themselves go into a map shared by every pass of a read, so the freshest version of each wins.
/// </summary>
internal sealed class ReadPass(Dictionary<long, PersonioEmployee> latest, Func<int, CancellationToken, ValueTask> pageRead)
{
    private readonly List<long> _ids = [];
    private readonly HashSet<long> _seen = [];
    private readonly List<ReadDisturbance> _disturbances = [];

    public IReadOnlyList<long> Ids => _ids;
    public IReadOnlyList<ReadDisturbance> Disturbances => _disturbances;
    public bool Clean => _disturbances.Count == 0;
    public int Count => _ids.Count;

    /// <summary>The total the first page reported (v1); null when Personio sends none (v2).</summary>
    public long? ReportedTotal { get; set; }

    /// <summary>The pages the first page said the walk takes (v1's <c>total_pages</c>); null when Personio says nothing (v2).</summary>
    public int? PagesAnnounced { get; set; }

    /// <summary>
    /// Whether the walk went through the whole list as it stood, so that what it missed can only have slid past
    /// the read position (a total that changed, an id twice). A walk with a gap (a short or empty page before the
    /// end, page metadata that does not add up) missed records nobody can name.
    /// </summary>
    public bool WalkedToTheEnd => !_disturbances.Any(d => d is ReadDisturbance.ShortPage or ReadDisturbance.EmptyPageBeforeEnd or ReadDisturbance.MetadataInconsistent);

    public bool Contains(long id) => _seen.Contains(id);

    public void Add(PersonioEmployee employee)
    {
        latest[employee.Id] = employee;
        if (_seen.Add(employee.Id))
        {
            _ids.Add(employee.Id);
        }
        else
        {
            Note(ReadDisturbance.DuplicateRecord);
        }
    }

    public void Note(ReadDisturbance disturbance)
    {
        if (!_disturbances.Contains(disturbance))
        {
            _disturbances.Add(disturbance);
        }
    }

    /// <summary>Reports a page's records (a caller renews its lease on a long read).</summary>
    public ValueTask PageReadAsync(int records, CancellationToken ct) => pageRead(records, ct);
}
