using System.Diagnostics;

namespace Rollcall.Telemetry;

/// <summary>
/// Rollcall's one meter name and one activity source. Features create their instruments from the host's
/// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> under <see cref="Name"/> (one meter per host) and their spans from
/// <see cref="Source"/>. Tag values are ids, states and route templates only: never a secret, a token, an email or an IBAN.
/// </summary>
public static class RollcallTelemetry
{
    public const string Name = "Rollcall";

    public static readonly ActivitySource Source = new(Name, typeof(RollcallTelemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary>Span attributes shared by the features.</summary>
    public const string CompanyId = "rollcall.company.id";

    /// <summary>The metric label naming a company (an id, not personal data).</summary>
    public const string CompanyLabel = "company.id";
}
