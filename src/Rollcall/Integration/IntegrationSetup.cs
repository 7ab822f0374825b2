namespace Rollcall.Integration;

internal static class IntegrationSetup
{
    /// <summary>Integrations > Personio: connect, map, settings, disconnect, for the API and the page alike.</summary>
    public static IHostApplicationBuilder AddPersonioIntegration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PersonioConnection>();
        builder.Services.AddScoped<ImportRulesChanges>();
        return builder;
    }
}
