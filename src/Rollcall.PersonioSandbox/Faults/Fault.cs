namespace Rollcall.PersonioSandbox.Faults;

/// <summary>What an armed fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Answer with <c>status_code</c> (default 500) in the API's error envelope.</summary>
    ServerError,

    /// <summary>Abort the connection without a response.</summary>
    DropConnection,

    /// <summary>Wait <c>delay</c> before handling the request normally.</summary>
    Delay,

    /// <summary>Answer 200 with a truncated JSON body.</summary>
    MalformedJson,

    /// <summary>Answer normally, but with no records on the page (metadata unchanged).</summary>
    EmptyPage,

    /// <summary>Answer 429 in the API's envelope, as a burst of rate limiting would.</summary>
    RateLimited,

    /// <summary>v2 lists: answer normally, but with a <c>next</c> link to the same page (a loop reported by Personio users).</summary>
    RepeatCursor,
}

/// <summary>An armed fault. <see cref="Remaining"/> null means until cleared.</summary>
internal sealed record Fault(Guid Id, FaultKind Kind, string Path, int? Page, int? Remaining, int StatusCode, TimeSpan Delay)
{
    /// <summary>A path ending in <c>*</c> matches as a prefix, otherwise the path must match exactly.</summary>
    public bool Matches(string path, int page)
    {
        var pathMatches = Path.EndsWith('*')
            ? path.StartsWith(Path[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(path.TrimEnd('/'), Path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
        return pathMatches && (Page is null || Page == page);
    }
}
