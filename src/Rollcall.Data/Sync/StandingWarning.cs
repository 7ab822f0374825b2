namespace Rollcall.Data.Sync;

/// <summary>
/// A warning about a person that a run found and recorded, standing until a run no longer finds it (a supervisor who is
/// no user, a value too long, an IBAN Personio holds that is not valid). A run that finds it again unchanged counts it
/// (<see cref="SyncRun.RepeatedWarnings"/>) and does not record it again, so an unchanged night writes nothing.
/// </summary>
public sealed class StandingWarning
{
    public long Id { get; set; }
    public Guid CompanyId { get; set; }
    public long PersonioEmployeeId { get; set; }
    public required string ReasonCode { get; set; }
    public required Reason Reason { get; set; }

    /// <summary>The run that recorded it (its step is there).</summary>
    public Guid SinceRunId { get; set; }
}
