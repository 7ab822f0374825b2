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

    /// <summary>Whether the person is visible to this caller: inside the credential's legal entities and not withheld.</summary>
    public bool Sees(Person person) => Credential.Sees(person) && !Company.IsWithheld(person.Id);

    /// <summary>True when <see cref="Sees"/> holds for everyone, so the company's list can be served as it is.</summary>
    public bool SeesEveryone => Credential.LegalEntityIds is null && !Company.HasWithheld;

    public void AttachTo(HttpContext http) => http.Items[Key] = this;

    public static Caller? Find(HttpContext http) => http.Items.TryGetValue(Key, out var caller) ? caller as Caller : null;

    public static Caller Of(HttpContext http) =>
        Find(http) ?? throw new InvalidOperationException("The endpoint has no bearer filter.");
}
