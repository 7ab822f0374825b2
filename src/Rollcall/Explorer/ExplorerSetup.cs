namespace Rollcall.Explorer;

internal static class ExplorerSetup
{
    /// <summary>The explorer's reads: who in Personio is a user, and why (rows the sync writes).</summary>
    public static IHostApplicationBuilder AddExplorer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PeopleExplorer>();
        return builder;
    }
}
