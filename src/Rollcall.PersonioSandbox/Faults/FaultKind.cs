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

    /// <summary>Once the page is written, delete the person at <c>position</c> of the caller's list, so later records slide forward.</summary>
    DeleteBetweenPages,

    /// <summary>Withhold the person at <c>position</c> until the page is written, then reveal them, so later records slide back.</summary>
    InsertBetweenPages,

    /// <summary>Answer 200 with no records and metadata (v1) or links (v2) claiming the list ended before this page.</summary>
    LyingEmptyPage,

    /// <summary>v1 lists: answer normally, but with <c>total_elements</c> off by <c>total_delta</c>.</summary>
    LyingTotal,

    /// <summary>Send status, headers and the first <c>bytes</c> of the body, go silent for <c>delay</c>, then abort.</summary>
    StallBody,

    /// <summary>Answer 404 with an HTML page instead of Personio's error body, as a proxy or gateway in between would.</summary>
    BareNotFound,
}
