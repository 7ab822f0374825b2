namespace Rollcall.Overview;

internal static class OverviewSetup
{
    /// <summary>The company overview and its trends, read from the run history, the outbox and the integration.</summary>
    public static IHostApplicationBuilder AddOverview(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CompanyOverview>();
        builder.Services.AddScoped<CompanyTrends>();
        return builder;
    }
}
