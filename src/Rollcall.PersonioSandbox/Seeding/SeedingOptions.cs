using System.ComponentModel.DataAnnotations;

namespace Rollcall.PersonioSandbox.Seeding;

/// <summary>The company seeded at start (section <c>Sandbox:Seeding</c>).</summary>
internal sealed class SeedingOptions
{
    public const string Section = "Sandbox:Seeding";

    /// <summary>Same seed and size give the same people, relative to the day the sandbox starts.</summary>
    public int Seed { get; set; } = 42;

    [Range(0, 1_000_000)]
    public int Size { get; set; } = 200;

    /// <summary>Legal entities of the seeded company, 1 to 4 (DE, AT, SE, FR in that order); 2 is a typical multi-entity company.</summary>
    [Range(1, 4)]
    public int LegalEntities { get; set; } = 4;

    [Required, MinLength(1)]
    public string CompanyName { get; set; } = "Rollcall Demo";

    /// <summary>When false, the sandbox starts empty and companies are created through the control API.</summary>
    public bool SeedOnStart { get; set; } = true;
}
