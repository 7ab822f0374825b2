using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Auth;

/// <summary>The authenticated credential of a Personio API request, put in place by the bearer filters.</summary>
/// <remarks>
/// Read it with <see cref="Of"/> inside the handler: minimal APIs bind parameters before endpoint filters
/// run, so it cannot be a bound parameter.
/// </remarks>
internal sealed record Caller(Credential Credential, Company Company, IssuedToken Token)
{
    private static readonly object Key = new();

    public void AttachTo(HttpContext http) => http.Items[Key] = this;

    public static Caller? Find(HttpContext http) => http.Items.TryGetValue(Key, out var caller) ? caller as Caller : null;

    public static Caller Of(HttpContext http) =>
        Find(http) ?? throw new InvalidOperationException("The endpoint has no bearer filter.");
}
