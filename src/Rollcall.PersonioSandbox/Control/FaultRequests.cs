using Rollcall.PersonioSandbox.Faults;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Arms a fault on a Personio route.</summary>
/// <param name="Kind">
/// What happens: server_error, drop_connection, delay, malformed_json, empty_page, rate_limited, repeat_cursor,
/// delete_between_pages, insert_between_pages, lying_empty_page, lying_total, stall_body or bare_not_found.
/// </param>
/// <param name="Path">Route to hit, e.g. <c>/v1/company/employees</c>; a trailing <c>*</c> matches a prefix. Default: the v1 employee list.</param>
/// <param name="Page">0-based page to hit (v1: offset / limit; v2: the n-th page of a cursor walk). Null: any page. Required by the between-pages kinds.</param>
/// <param name="Times">How many matching requests are affected. Default 1; 0 means until cleared. insert_between_pages only takes 1.</param>
/// <param name="StatusCode">For server_error: 500, 502, 503 or 504. Default 500.</param>
/// <param name="DelayMs">For delay: milliseconds to wait before answering (default 5000). For stall_body: how long the silence lasts before the abort (default: until the client disconnects).</param>
/// <param name="Position">For delete_between_pages and insert_between_pages: 0-based index into the list. Default 0.</param>
/// <param name="Bytes">For stall_body: how many body bytes are sent before the silence. Default 64.</param>
/// <param name="TotalDelta">For lying_total: added to the real v1 <c>total_elements</c>. Default -1.</param>
/// <param name="CompanyId">For insert_between_pages: the company whose person is withheld. Default: every company that exists when armed.</param>
/// <param name="ClientId">Only requests of this credential are hit (its bearer tokens, or token requests naming it); other credentials' requests pass. Default: everyone's.</param>
/// <param name="RetryAfterSeconds">For rate_limited and server_error: sends <c>Retry-After</c> with this many seconds. Default: none.</param>
/// <param name="RetryAfterAsDate">Sends <c>Retry-After</c> as an HTTP date (the answer's <c>Date</c> plus the seconds) instead of seconds.</param>
public sealed record ArmFaultRequest(
    FaultKind Kind, string? Path = null, int? Page = null, int? Times = null, int? StatusCode = null, int? DelayMs = null,
    int? Position = null, int? Bytes = null, int? TotalDelta = null, string? CompanyId = null, string? ClientId = null,
    int? RetryAfterSeconds = null, bool? RetryAfterAsDate = null);

/// <summary>An armed fault. <paramref name="Remaining"/> null means until cleared; the kind-specific fields are null for other kinds.</summary>
public sealed record FaultView(
    Guid Id, FaultKind Kind, string Path, int? Page, int? Remaining, int StatusCode, int? DelayMs,
    int? Position, int? Bytes, int? TotalDelta, IReadOnlyList<int>? WithheldEmployeeIds, string? ClientId, int? RetryAfterSeconds, bool? RetryAfterAsDate);

/// <summary>Switches the rate limits on or off at run time.</summary>
public sealed record RateLimitSwitch(bool Enabled);
