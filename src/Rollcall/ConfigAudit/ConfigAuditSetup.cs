namespace Rollcall.ConfigAudit;

internal static class ConfigAuditSetup
{
    public static IHostApplicationBuilder AddConfigAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConfigurationAudit>();
        return builder;
    }
}
