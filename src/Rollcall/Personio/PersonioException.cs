using Rollcall.Data;
using Rollcall.Reasons;

namespace Rollcall.Personio;

/// <summary>What went wrong talking to Personio, in terms the sync can act on.</summary>
public enum PersonioFailure
{
    /// <summary>Personio rejected the client id or secret (regenerated, disabled or deleted credential).</summary>
    InvalidCredentials,

    /// <summary>The credential authenticates but may not read employees (401/403 after a fresh token).</summary>
    MissingPermission,

    /// <summary>A required attribute, or one the mapping needs, is not readable by the credential.</summary>
    AttributesNotReadable,

    /// <summary>Still 429 after the retries.</summary>
    RateLimited,

    /// <summary>5xx, timeouts or dropped connections after the retries, or the circuit is open.</summary>
    Unavailable,

    /// <summary>An answer that is not what the API documents, or a read that came back incomplete.</summary>
    MalformedResponse,
}

/// <summary>
/// A failed Personio call. Its <see cref="Reason"/> (and the English message made from it) is safe to log and show:
/// it never contains secrets, tokens or personal data.
/// </summary>
public sealed class PersonioException(PersonioFailure failure, Reason reason, int? page = null, Exception? innerException = null)
    : Exception(reason.English(), innerException)
{
    public PersonioFailure Failure { get; } = failure;

    /// <summary>What went wrong, rendered where it is shown (a run's reason quotes it).</summary>
    public Reason Reason { get; } = reason;

    /// <summary>The 0-based page of a paged read on which it failed, when it failed on one.</summary>
    public int? Page { get; } = page;

    /// <summary>A failure on a page of a paged read names the page (1-based): <c>{key}_on_page</c>, the page last.</summary>
    public static PersonioException OnPage(PersonioFailure failure, string key, int? page, params object[] args) =>
        new(failure, page is { } p ? new Reason(key + "_on_page", [.. args, p + 1]) : new Reason(key, args), page);

    public static PersonioException OnPage(PersonioFailure failure, string key, int? page, Exception innerException, params object[] args) =>
        new(failure, page is { } p ? new Reason(key + "_on_page", [.. args, p + 1]) : new Reason(key, args), page, innerException);
}
