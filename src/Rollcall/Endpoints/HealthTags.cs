namespace Rollcall.Endpoints;

/// <summary>Tags of health checks: <see cref="Ready"/> ones decide <c>/health/ready</c> (and <c>/health</c>); <c>/health/live</c> runs none.</summary>
internal static class HealthTags
{
    public const string Ready = "ready";
}
