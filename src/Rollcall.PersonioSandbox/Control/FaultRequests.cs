using Rollcall.PersonioSandbox.Faults;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Arms a fault on a Personio route.</summary>
/// <param name="Kind">What happens: server_error, drop_connection, delay, malformed_json, empty_page or rate_limited.</param>
/// <param name="Path">Route to hit, e.g. <c>/v1/company/employees</c>; a trailing <c>*</c> matches a prefix. Default: the v1 employee list.</param>
/// <param name="Page">0-based page to hit (v1: offset / limit; v2: the n-th page of a cursor walk). Null: any page.</param>
/// <param name="Times">How many matching requests are affected. Default 1; 0 means until cleared.</param>
/// <param name="StatusCode">For server_error: 500, 502, 503 or 504. Default 500.</param>
/// <param name="DelayMs">For delay: milliseconds to wait before answering. Default 5000.</param>
public sealed record ArmFaultRequest(FaultKind Kind, string? Path = null, int? Page = null, int? Times = null, int? StatusCode = null, int? DelayMs = null);

/// <summary>An armed fault. <paramref name="Remaining"/> null means until cleared.</summary>
public sealed record FaultView(Guid Id, FaultKind Kind, string Path, int? Page, int? Remaining, int StatusCode, int DelayMs);

/// <summary>Switches the rate limits on or off at run time.</summary>
public sealed record RateLimitSwitch(bool Enabled);
