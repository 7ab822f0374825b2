namespace Rollcall.Endpoints;

/// <summary>What an entry point reads from a form or query: an empty or blank value means "not given".</summary>
internal static class Blank
{
    public static string? AsNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
