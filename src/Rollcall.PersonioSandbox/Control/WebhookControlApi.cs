using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.Webhooks;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>Fires webhook events by hand and shows what was delivered.</summary>
internal static class WebhookControlApi
{
    public static RouteGroupBuilder MapWebhookControl(this RouteGroupBuilder control)
    {
        control.MapPost("/companies/{companyId}/webhooks/fire", Fire).WithName("SandboxFireWebhook");
        control.MapGet("/webhook-deliveries", (WebhookStore store) => store.Attempts).WithName("SandboxWebhookDeliveries");
        return control;
    }

    private static IResult Fire(string companyId, FireWebhookRequest body, SandboxState state, EmployeeMutations mutations)
    {
        if (state.Company(companyId) is not { } company || company.Find(body.PersonId) is not { } person)
        {
            return Results.Problem("Unknown company or employee.", statusCode: 404);
        }

        if (!WebhookEvents.All.Contains(body.EventName))
        {
            return Results.Problem($"Unknown event; use one of {string.Join(", ", WebhookEvents.All)}.", statusCode: 400);
        }

        var employment = body.EventName.StartsWith("employment.", StringComparison.Ordinal) ? person.Current : null;
        return Results.Ok(new FireWebhookResult(body.EventName, mutations.Publish(company, body.EventName, person, employment)));
    }
}
