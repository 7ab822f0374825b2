using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Rollcall.Telemetry;

namespace Rollcall.Personio;

/// <summary>
/// Personio's instruments: every attempt by endpoint (a route template, never an id or a query) and status, the 429s,
/// and the retries. A singleton, as the meter outlives the client factory's handlers.
/// </summary>
public sealed class PersonioMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _retries;

    public PersonioMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(RollcallTelemetry.Name);
        _requests = meter.CreateCounter<long>("rollcall.personio.requests", "{request}", "Requests to Personio, each attempt counted");
        _throttled = meter.CreateCounter<long>("rollcall.personio.throttled", "{response}", "Personio's 429 answers");
        _retries = meter.CreateCounter<long>("rollcall.personio.retries", "{retry}", "Attempts that repeated a failed one");
    }

    internal void Attempt(string endpoint, string status, bool retry)
    {
        var tag = new KeyValuePair<string, object?>("endpoint", endpoint);
        _requests.Add(1, tag, new KeyValuePair<string, object?>("status", status));
        if (status == "429")
        {
            _throttled.Add(1, tag);
        }

        if (retry)
        {
            _retries.Add(1, tag);
        }
    }
}

/// <summary>
/// Counts each attempt, inside the retry handler (so it sees every try) and outside the body buffer (so a body that
/// stalls counts as the failure it is). An attempt after the first on the same request is a retry: the resilience
/// handler sends the same message again. The run that sent it, if any, counts it too (<see cref="PersonioTally"/>).
/// </summary>
internal sealed class PersonioMetering(PersonioMetrics metrics) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<bool> Attempted = new("rollcall.personio.attempted");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = PersonioEndpoint.Of(request.RequestUri);
        var retry = request.Options.TryGetValue(Attempted, out var attempted) && attempted;
        request.Options.Set(Attempted, true);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            metrics.Attempt(endpoint, Status(response.StatusCode), retry);
            PersonioTally.Current?.Attempt(response.StatusCode == HttpStatusCode.TooManyRequests);
            return response;
        }
        catch (OperationCanceledException)
        {
            metrics.Attempt(endpoint, "cancelled", retry);
            PersonioTally.Current?.Attempt(throttled: false);
            throw;
        }
        catch (Exception)
        {
            metrics.Attempt(endpoint, "error", retry);
            PersonioTally.Current?.Attempt(throttled: false);
            throw;
        }
    }

    private static string Status(HttpStatusCode code) => code switch
    {
        HttpStatusCode.OK => "200",
        HttpStatusCode.BadRequest => "400",
        HttpStatusCode.Unauthorized => "401",
        HttpStatusCode.Forbidden => "403",
        HttpStatusCode.NotFound => "404",
        HttpStatusCode.PreconditionFailed => "412",
        HttpStatusCode.TooManyRequests => "429",
        HttpStatusCode.InternalServerError => "500",
        HttpStatusCode.BadGateway => "502",
        HttpStatusCode.ServiceUnavailable => "503",
        HttpStatusCode.GatewayTimeout => "504",
        _ => ((int)code).ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>Personio's route templates, for labels: an id never becomes part of a label, an unknown route is <c>other</c>.</summary>
internal static class PersonioEndpoint
{
    public static string Of(Uri? uri) => uri?.AbsolutePath.TrimEnd('/') switch
    {
        "/v1/auth" => "/v1/auth",
        "/v2/auth/token" => "/v2/auth/token",
        "/v2/auth/revoke" => "/v2/auth/revoke",
        "/v1/company/employees" => "/v1/company/employees",
        "/v1/company/employees/attributes" or "/v1/company/employees/custom-attributes" => "/v1/company/employees/attributes",
        "/v2/persons" => "/v2/persons",
        "/v2/legal-entities" => "/v2/legal-entities",
        "/v2/workplaces" => "/v2/workplaces",
        "/v2/cost-centers" => "/v2/cost-centers",
        { } path when OneSegmentUnder(path, "/v1/company/employees/") => "/v1/company/employees/{id}",
        { } path when path.EndsWith(Employments, StringComparison.Ordinal) && OneSegmentUnder(path[..^Employments.Length], "/v2/persons/") => "/v2/persons/{id}/employments",
        { } path when OneSegmentUnder(path, "/v2/persons/") => "/v2/persons/{id}",
        { } path when OneSegmentUnder(path, "/v2/legal-entities/") => "/v2/legal-entities/{id}",
        { } path when OneSegmentUnder(path, "/v2/org-units/") => "/v2/org-units/{id}",
        _ => "other",
    };

    private const string Employments = "/employments";

    private static bool OneSegmentUnder(string path, string prefix) =>
        path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path.IndexOf('/', prefix.Length) < 0;
}
