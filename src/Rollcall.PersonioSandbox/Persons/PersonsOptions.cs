using System.ComponentModel.DataAnnotations;

namespace Rollcall.PersonioSandbox.Persons;

/// <summary>v2 behaviour (section <c>Sandbox:Persons</c>) for the points the spec leaves open.</summary>
internal sealed class PersonsOptions
{
    public const string Section = "Sandbox:Persons";

    /// <summary>Custom attributes on v2 persons usually come without <c>label</c>; turn on to send it.</summary>
    public bool CustomAttributeLabels { get; set; }

    /// <summary>Base of the absolute <c>_meta.links</c> URLs; empty means scheme and host of the request.</summary>
    [Url] public string? PublicBaseUrl { get; set; }
}
