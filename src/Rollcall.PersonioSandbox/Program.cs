using Rollcall.PersonioSandbox;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Control;
using Rollcall.PersonioSandbox.Employees;
using Rollcall.PersonioSandbox.Faults;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Persons;
using Rollcall.PersonioSandbox.RequestCounts;
using Rollcall.PersonioSandbox.Seeding;
using Rollcall.PersonioSandbox.Webhooks;

var builder = WebApplication.CreateBuilder(args);

// Options, in-memory state, rate limits and webhook delivery.
builder.AddPersonioSandbox();

var app = builder.Build();

// Personio requests are counted first, so those answered by a fault or a rate limit count too.
app.UseMiddleware<RequestCountMiddleware>();

// Injected faults come next, so they hit before authentication as an outage would.
app.UseMiddleware<FaultMiddleware>();

// Personio API v1: auth, employees, attribute definitions.
app.MapV1Auth();
app.MapV1Employees();

// Personio API v2: auth, persons and employments, reference data, webhooks.
app.MapV2Auth();
app.MapV2Persons();
app.MapV2Reference();
app.MapV2Webhooks();

// Unknown /v1 and /v2 routes: 404 in the v1 envelope or as problem+json.
app.MapNotFound();

// The sandbox's own control API under /_sandbox.
app.MapSandboxControl();

// The default company and its credential, printed once listening.
app.SeedDefaultCompany();

app.Run();

/// <summary>Entry point; public so tests can host the sandbox with WebApplicationFactory.</summary>
public partial class Program;
