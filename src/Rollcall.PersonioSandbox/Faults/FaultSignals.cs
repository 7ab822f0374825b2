namespace Rollcall.PersonioSandbox.Faults;

/// <summary>Faults that the endpoint itself has to carry out (it knows what an "empty page" looks like).</summary>
internal static class FaultSignals
{
    private static readonly object EmptyPageKey = new();

    public static void RequestEmptyPage(HttpContext http) => http.Items[EmptyPageKey] = true;

    public static bool EmptyPageRequested(HttpContext http) => http.Items.ContainsKey(EmptyPageKey);

    private static readonly object RepeatCursorKey = new();

    public static void RequestRepeatCursor(HttpContext http) => http.Items[RepeatCursorKey] = true;

    public static bool RepeatCursorRequested(HttpContext http) => http.Items.ContainsKey(RepeatCursorKey);
}
