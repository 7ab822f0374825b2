namespace Rollcall.PersonioSandbox.Control;

/// <summary>Access to the control API under <c>/_sandbox</c> (section <c>Sandbox:Control</c>).</summary>
internal sealed class ControlOptions
{
    public const string Section = "Sandbox:Control";

    /// <summary>Key required in <see cref="HeaderName"/> for calls that do not come from loopback. Unset: loopback only.</summary>
    public string? ApiKey { get; set; }

    public string HeaderName { get; set; } = "X-Sandbox-Key";

    /// <summary>Also demand the key from loopback callers, e.g. behind a reverse proxy on the same host.</summary>
    public bool RequireKeyOnLoopback { get; set; }
}
