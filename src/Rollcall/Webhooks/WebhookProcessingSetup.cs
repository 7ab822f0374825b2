namespace Rollcall.Webhooks;

internal static class WebhookProcessingSetup
{
    /// <summary>The inbox's processing into targeted runs and the delta reads, run by a loop on every node that runs syncs.</summary>
    public static IHostApplicationBuilder AddWebhookProcessing(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookProcessingOptions>().BindConfiguration(WebhookProcessingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<WaitingEvents>();
        services.AddScoped<WebhookProcessor>();
        services.AddScoped<DeltaReads>();
        services.AddHostedService<WebhookProcessingLoop>();
        return builder;
    }
}
