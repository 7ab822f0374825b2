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
/// A failed Personio call. The message is safe to log and show: it never contains secrets, tokens or personal data.
/// </summary>
public sealed class PersonioException(PersonioFailure failure, string message, int? page = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public PersonioFailure Failure { get; } = failure;

    /// <summary>The 0-based page of a paged read on which it failed, when it failed on one.</summary>
    public int? Page { get; } = page;
}
