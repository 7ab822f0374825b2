using Rollcall.PersonioSandbox.RequestCounts;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Counts of Personio API requests received, keyed by method and route template.</summary>
internal static class RequestCountControlApi
{
    public static RouteGroupBuilder MapRequestCountControl(this RouteGroupBuilder control)
    {
        control.MapGet("/requests", (RequestCounter counter) => counter.Snapshot()).WithName("SandboxRequestCounts");
        control.MapDelete("/requests", (RequestCounter counter) =>
        {
            counter.Clear();
            return Results.NoContent();
        }).WithName("SandboxResetRequestCounts");
        return control;
    }
}
