using System.ComponentModel.DataAnnotations;

namespace Rollcall.Access;

/// <summary>Login, session and request settings. Section <c>Access</c>.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>Failed logins in a row after which an account is locked out (interactive sign-in only; API keys are not affected).</summary>
    [Range(1, 100)]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The absolute lifetime of a signed-in session, however active it is; then the admin signs in again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Send the session cookie over HTTPS only. Leave on in production; the local demo on http://127.0.0.1 works
    /// because browsers treat loopback as a secure origin.
    /// </summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>Every account that signs in with a password must have TOTP two-factor; without it, enrolment comes first. Identity-provider sign-ins are exempt.</summary>
    public bool RequireTwoFactor { get; set; }

    /// <summary>Sign-in attempts (password, code) one client address may make per <see cref="LoginAttemptWindow"/>.</summary>
    [Range(1, 100_000)]
    public int LoginAttemptsPerClient { get; set; } = 10;

    /// <summary>Sign-in attempts all clients together may make per <see cref="LoginAttemptWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int LoginAttemptsOverall { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LoginAttemptWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest request body Rollcall reads, for pages and the API alike; larger ones are answered 413.</summary>
    [Range(1024, 100L * 1024 * 1024)]
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;
}
