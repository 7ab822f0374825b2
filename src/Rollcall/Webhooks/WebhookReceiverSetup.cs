namespace Rollcall.Webhooks;

internal static class WebhookReceiverSetup
{
    /// <summary>The receiver of Personio's webhook deliveries, the company's token and its registration in Personio.</summary>
    public static IHostApplicationBuilder AddWebhookReceiver(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookTokenOptions>().BindConfiguration(WebhookTokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddScoped<WebhookInbox>();
        builder.Services.AddScoped<WebhookRegistration>();
        return builder;
    }
}
