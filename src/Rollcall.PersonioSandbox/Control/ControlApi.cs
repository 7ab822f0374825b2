namespace Rollcall.PersonioSandbox.Control;

internal static class ControlApi
{
    /// <summary>The sandbox's own API, kept apart from the Personio routes under <c>/_sandbox</c>.</summary>
    public static IEndpointRouteBuilder MapSandboxControl(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/_sandbox")
            .AddEndpointFilter<ControlKeyFilter>()
            .WithTags("Sandbox control")
            .MapCompanyControl()
            .MapCredentialControl()
            .MapReadableAttributeControl()
            .MapEmployeeControl()
            .MapWebhookControl()
            .MapFaultControl()
            .MapRequestCountControl();
        return app;
    }
}
