using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Faults;

/// <summary>Faults that the endpoint itself has to carry out (it knows what an "empty page" looks like).</summary>
internal static class FaultSignals
{
    private static readonly object FaultKey = new();
    private static readonly object TargetKey = new();

    public static void Pass(HttpContext http, Fault fault) => http.Items[FaultKey] = fault;

    /// <summary>The fault this request carries, if it is of <paramref name="kind"/>.</summary>
    public static Fault? Requested(HttpContext http, FaultKind kind) =>
        http.Items.TryGetValue(FaultKey, out var value) && value is Fault fault && fault.Kind == kind ? fault : null;

    /// <summary>
    /// For delete_between_pages: remembers the person at the fault's position of <paramref name="list"/>, the
    /// list the request pages through as this caller sees it (visibility and filters applied).
    /// </summary>
    public static void NameDeleteTarget(HttpContext http, IEnumerable<Person> list)
    {
        if (Requested(http, FaultKind.DeleteBetweenPages) is { } fault)
        {
            http.Items[TargetKey] = list.ElementAtOrDefault(fault.Position);
        }
    }

    public static Person? DeleteTarget(HttpContext http) => http.Items.TryGetValue(TargetKey, out var value) ? value as Person : null;
}
