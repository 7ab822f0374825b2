using System.ComponentModel.DataAnnotations;

namespace Rollcall.Access;

/// <summary>Login and session settings. Section <c>Access</c>.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>Failed logins in a row after which an account is locked out.</summary>
    [Range(1, 100)]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Send the session cookie over HTTPS only. Leave on in production; the local demo on http://127.0.0.1 works
    /// because browsers treat loopback as a secure origin.
    /// </summary>
    public bool SecureCookies { get; set; } = true;
}
