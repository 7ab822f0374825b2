using System.Text.Json;
using System.Text.Json.Serialization;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Control;
using Rollcall.PersonioSandbox.Employees;
using Rollcall.PersonioSandbox.Faults;
using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.Persons;
using Rollcall.PersonioSandbox.RateLimits;
using Rollcall.PersonioSandbox.RequestCounts;
using Rollcall.PersonioSandbox.Seeding;
using Rollcall.PersonioSandbox.Webhooks;

namespace Rollcall.PersonioSandbox;

internal static class SandboxServices
{
    /// <summary>Options (validated on start), the in-memory state and the webhook sender.</summary>
    public static WebApplicationBuilder AddPersonioSandbox(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        AddOptions<SeedingOptions>(services, SeedingOptions.Section);
        AddOptions<AuthOptions>(services, AuthOptions.Section);
        AddOptions<EmployeesOptions>(services, EmployeesOptions.Section);
        AddOptions<PersonsOptions>(services, PersonsOptions.Section);
        AddOptions<WebhookOptions>(services, WebhookOptions.Section);
        AddOptions<ControlOptions>(services, ControlOptions.Section);
        services.AddSandboxRateLimits();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SandboxState>();
        services.AddSingleton<CompanyFactory>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<FaultLog>();
        services.AddSingleton<BetweenPages>();
        services.AddSingleton<RequestCounter>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<EmployeeMutations>();
        services.AddSingleton<V1BearerFilter>();
        services.AddSingleton<ControlKeyFilter>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        // Personio does not follow redirects on delivery; the per-attempt timeout is applied by the dispatcher.
        services.AddHttpClient(WebhookDispatcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        return builder;
    }

    private static void AddOptions<T>(IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
