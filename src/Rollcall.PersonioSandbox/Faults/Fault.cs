using System.Collections.Immutable;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Faults;

/// <summary>An armed fault. <see cref="Remaining"/> null means until cleared.</summary>
internal sealed record Fault(Guid Id, FaultKind Kind, string Path, int? Page, int? Remaining)
{
    public int StatusCode { get; init; } = 500;

    /// <summary>For delay and stall_body; null (stall_body only) means until the client disconnects.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>For the between-pages kinds: 0-based index into the list.</summary>
    public int Position { get; init; }

    /// <summary>For stall_body: how much of the body is sent before the silence.</summary>
    public int Bytes { get; init; } = 64;

    /// <summary>For lying_total: added to the real <c>total_elements</c>.</summary>
    public int TotalDelta { get; init; } = -1;

    /// <summary>Only requests of this credential (its tokens, or its token requests) are hit; null: everyone's.</summary>
    public string? ClientId { get; init; }

    /// <summary>For rate_limited and server_error: the <c>Retry-After</c> sent, in seconds; null: none.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Sends <see cref="RetryAfterSeconds"/> as an HTTP date (the answer's <c>Date</c> plus the seconds) instead.</summary>
    public bool RetryAfterAsDate { get; init; }

    /// <summary>For insert_between_pages: the people hidden until the fault fires, one per company at most.</summary>
    public ImmutableArray<WithheldPerson> Withheld { get; init; } = [];

    /// <summary>Kinds that act after the response is written count down only when they fire, not when they match.</summary>
    public bool FiresAfterResponse => Kind is FaultKind.DeleteBetweenPages or FaultKind.InsertBetweenPages;

    /// <summary>A path ending in <c>*</c> matches as a prefix, otherwise the path must match exactly.</summary>
    public bool Matches(string path, int page, string? clientId)
    {
        if (ClientId is not null && !string.Equals(ClientId, clientId, StringComparison.Ordinal))
        {
            return false;
        }

        var pathMatches = Path.EndsWith('*')
            ? path.StartsWith(Path[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(path.TrimEnd('/'), Path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
        return pathMatches && (Page is null || Page == page);
    }
}

/// <summary>A person hidden from the Personio API by an armed insert_between_pages fault.</summary>
internal sealed record WithheldPerson(Company Company, int EmployeeId);
