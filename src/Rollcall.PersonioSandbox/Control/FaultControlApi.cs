using Rollcall.PersonioSandbox.Faults;
using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.RateLimits;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Fault injection, the log of fired faults, and the run-time rate-limit switch.</summary>
internal static class FaultControlApi
{
    public static RouteGroupBuilder MapFaultControl(this RouteGroupBuilder control)
    {
        control.MapPost("/faults", Arm).WithName("SandboxArmFault");
        control.MapGet("/faults", (FaultInjector faults) => faults.Armed.Select(View).ToList()).WithName("SandboxListFaults");
        control.MapGet("/faults/log", (FaultLog log) => log.Fired).WithName("SandboxFaultLog");
        control.MapDelete("/faults", (FaultInjector faults, FaultLog log) =>
        {
            faults.Clear();
            log.Clear();
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

    private static IResult Arm(ArmFaultRequest body, FaultInjector faults, BetweenPages betweenPages, SandboxState state)
    {
        if (Problem(body) is { } problem)
        {
            return Results.Problem(problem, statusCode: 400);
        }

        Company? company = null;
        if (body.CompanyId is not null && (company = state.Company(body.CompanyId)) is null)
        {
            return Results.Problem("Unknown company.", statusCode: 404);
        }

        var position = body.Position ?? 0;
        var fault = faults.Arm(new Fault(Guid.NewGuid(), body.Kind, body.Path ?? "/v1/company/employees", body.Page, body.Times is 0 ? null : body.Times ?? 1)
        {
            StatusCode = body.StatusCode ?? 500,
            Delay = body.DelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : body.Kind == FaultKind.StallBody ? null : TimeSpan.FromSeconds(5),
            Position = position,
            Bytes = body.Bytes ?? 64,
            TotalDelta = body.TotalDelta ?? -1,
            Withheld = body.Kind == FaultKind.InsertBetweenPages ? betweenPages.Withhold(company, position) : [],
            ClientId = body.ClientId,
            RetryAfterSeconds = body.RetryAfterSeconds,
            RetryAfterAsDate = body.RetryAfterAsDate ?? false,
        });
        return Results.Created($"/_sandbox/faults/{fault.Id}", View(fault));
    }

    private static string? Problem(ArmFaultRequest body)
    {
        var betweenPages = body.Kind is FaultKind.DeleteBetweenPages or FaultKind.InsertBetweenPages;
        return body switch
        {
            { StatusCode: < 500 or > 599 } => "status_code must be a 5xx code.",
            { Times: < 0 } or { Page: < 0 } or { DelayMs: < 0 } or { Position: < 0 } or { Bytes: < 0 } or { RetryAfterSeconds: < 0 } =>
                "times, page, delay_ms, position, bytes and retry_after_seconds must not be negative.",
            { RetryAfterSeconds: not null, Kind: not (FaultKind.RateLimited or FaultKind.ServerError) } =>
                "retry_after_seconds applies to rate_limited and server_error only.",
            { Page: null } when betweenPages => "page is required for delete_between_pages and insert_between_pages.",
            { Kind: FaultKind.InsertBetweenPages, Times: not (null or 1) } => "insert_between_pages fires once: times must be 1.",
            _ => null,
        };
    }

    private static FaultView View(Fault f) => new(
        f.Id, f.Kind, f.Path, f.Page, f.Remaining, f.StatusCode, f.Delay is { } d ? (int)d.TotalMilliseconds : null,
        f.FiresAfterResponse ? f.Position : null,
        f.Kind == FaultKind.StallBody ? f.Bytes : null,
        f.Kind == FaultKind.LyingTotal ? f.TotalDelta : null,
        f.Kind == FaultKind.InsertBetweenPages ? [.. f.Withheld.Select(w => w.EmployeeId)] : null,
        f.ClientId, f.RetryAfterSeconds, f.RetryAfterSeconds is null ? null : f.RetryAfterAsDate);
}
