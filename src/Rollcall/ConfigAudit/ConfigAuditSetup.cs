namespace Rollcall.ConfigAudit;

internal static class ConfigAuditSetup
{
    public static IHostApplicationBuilder AddConfigAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConfigurationAudit>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ConfigChangeInterceptor>();
        builder.Services.AddScoped<ConfigurationChanges>();
        return builder;
    }
}
