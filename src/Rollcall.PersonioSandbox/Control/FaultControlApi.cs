using Rollcall.PersonioSandbox.Faults;
using Rollcall.PersonioSandbox.RateLimits;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Fault injection and the run-time rate-limit switch.</summary>
internal static class FaultControlApi
{
    public static RouteGroupBuilder MapFaultControl(this RouteGroupBuilder control)
    {
        control.MapPost("/faults", Arm).WithName("SandboxArmFault");
        control.MapGet("/faults", (FaultInjector faults) => faults.Armed.Select(View).ToList()).WithName("SandboxListFaults");
        control.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        }).WithName("SandboxClearFaults");
        control.MapPut("/rate-limits", (RateLimitSwitch body, RateLimiter limiter) =>
        {
            limiter.Enabled = body.Enabled;
            return Results.Ok(new RateLimitSwitch(limiter.Enabled));
        }).WithName("SandboxSwitchRateLimits");
        control.MapPost("/rate-limits/reset", (RateLimiter limiter) =>
        {
            limiter.Reset();
            return Results.NoContent();
        }).WithName("SandboxResetRateLimits");
        return control;
    }

    private static IResult Arm(ArmFaultRequest body, FaultInjector faults)
    {
        if (body.StatusCode is { } code && code is < 500 or > 599)
        {
            return Results.Problem("status_code must be a 5xx code.", statusCode: 400);
        }

        if (body.Times is < 0 || body.Page is < 0 || body.DelayMs is < 0)
        {
            return Results.Problem("times, page and delay_ms must not be negative.", statusCode: 400);
        }

        var fault = faults.Arm(new Fault(
            Guid.NewGuid(), body.Kind, body.Path ?? "/v1/company/employees", body.Page,
            body.Times is 0 ? null : body.Times ?? 1, body.StatusCode ?? 500, TimeSpan.FromMilliseconds(body.DelayMs ?? 5000)));
        return Results.Created($"/_sandbox/faults/{fault.Id}", View(fault));
    }

    private static FaultView View(Fault f) =>
        new(f.Id, f.Kind, f.Path, f.Page, f.Remaining, f.StatusCode, (int)f.Delay.TotalMilliseconds);
}
