namespace Rollcall.Data.ConfigAudit;

/// <summary>Who changed a company's configuration: a signed-in <c>admin</c>, an <c>api_key</c>, the command line (<c>cli</c>) or Rollcall itself (<c>system</c>).</summary>
public sealed record ConfigActor(string Kind, string Id, string Name)
{
    private static readonly AsyncLocal<ConfigActor?> AmbientActor = new();

    public static ConfigActor System(string what) => new("system", what, what);

    public static ConfigActor CommandLine(string verb) => new("cli", verb, verb);

    /// <summary>The actor of configuration changes saved in this flow when no request names one: a command-line verb.</summary>
    public static ConfigActor? Ambient => AmbientActor.Value;

    /// <summary>Names the actor of the configuration changes this flow (a command-line verb) goes on to save.</summary>
    public static void Use(ConfigActor actor) => AmbientActor.Value = actor;
}
