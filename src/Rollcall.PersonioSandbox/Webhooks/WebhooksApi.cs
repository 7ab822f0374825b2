using System.Text.Json;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Auth;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.Persons;

namespace Rollcall.PersonioSandbox.Webhooks;

/// <summary>v2 webhook management: create, list, get, update and delete. Status defaults to DISABLED, auth_type to TOKEN.</summary>
internal static class WebhooksApi
{
    public static IEndpointRouteBuilder MapV2Webhooks(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/v2/webhooks").AddEndpointFilter(new V2BearerFilter(Scopes.WebhooksRead)).WithTags("v2");
        read.MapGet("/", List).WithName("V2ListWebhooks");
        read.MapGet("/{id:guid}", Get).WithName("V2GetWebhook");
        var write = app.MapGroup("/v2/webhooks").AddEndpointFilter(new V2BearerFilter(Scopes.WebhooksWrite)).WithTags("v2");
        write.MapPost("/", Create).WithName("V2CreateWebhook");
        write.MapPatch("/{id:guid}", Update).WithName("V2UpdateWebhook");
        write.MapDelete("/{id:guid}", Delete).WithName("V2DeleteWebhook");
        return app;
    }

    private static JsonWriterResult List(HttpContext http, WebhookStore store, IOptions<PersonsOptions> options)
    {
        var hooks = store.Of(Caller.Of(http).Company.Id).ToList();
        var self = V2Links.BaseUrl(http.Request, options.Value) + http.Request.Path;
        return new JsonWriterResult(w => V2Links.WriteList(w, hooks, Write, self, null));
    }

    private static JsonWriterResult Get(Guid id, HttpContext http, WebhookStore store) =>
        store.Get(Caller.Of(http).Company.Id, id) is { } hook ? new JsonWriterResult(w => Write(w, hook)) : V2Errors.NotFound();

    private static JsonWriterResult Create(WebhookRequest body, HttpContext http, WebhookStore store, TimeProvider time, IOptions<WebhookOptions> options)
    {
        if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url))
        {
            return V2Errors.BadRequest("url must be an absolute URL.");
        }

        var now = time.GetUtcNow();
        var hook = new Webhook
        {
            Id = Guid.NewGuid(),
            CompanyId = Caller.Of(http).Company.Id,
            Url = url,
            Description = body.Description,
            Status = body.Status ?? "DISABLED",
            AuthType = body.AuthType ?? "TOKEN",
            Token = body.Token,
            CustomHeaders = body.CustomHeaders ?? [],
            EnabledEvents = body.EnabledEvents ?? [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        return Save(hook, store, options.Value, StatusCodes.Status201Created);
    }

    private static JsonWriterResult Update(Guid id, WebhookRequest body, HttpContext http, WebhookStore store, TimeProvider time, IOptions<WebhookOptions> options)
    {
        if (store.Get(Caller.Of(http).Company.Id, id) is not { } hook)
        {
            return V2Errors.NotFound();
        }

        Uri? url = null;
        if (body.Url is not null && !Uri.TryCreate(body.Url, UriKind.Absolute, out url))
        {
            return V2Errors.BadRequest("url must be an absolute URL.");
        }

        var updated = hook with
        {
            Url = url ?? hook.Url,
            Description = body.Description ?? hook.Description,
            Status = body.Status ?? hook.Status,
            AuthType = body.AuthType ?? hook.AuthType,
            Token = body.Token ?? hook.Token,
            CustomHeaders = body.CustomHeaders ?? hook.CustomHeaders,
            EnabledEvents = body.EnabledEvents ?? hook.EnabledEvents,
            UpdatedAt = time.GetUtcNow(),
        };
        return Save(updated, store, options.Value, StatusCodes.Status200OK);
    }

    private static IResult Delete(Guid id, HttpContext http, WebhookStore store) =>
        store.Get(Caller.Of(http).Company.Id, id) is not null && store.Remove(id) ? Results.NoContent() : V2Errors.NotFound();

    private static JsonWriterResult Save(Webhook hook, WebhookStore store, WebhookOptions options, int status)
    {
        if (WebhookRequest.Problem(hook, options.AllowHttpOnLoopback) is { } problem)
        {
            return V2Errors.BadRequest(problem);
        }

        store.Save(hook);
        return new JsonWriterResult(status, (w, _) => Write(w, hook));
    }

    /// <summary>The token is write-only: it is never echoed back.</summary>
    private static void Write(Utf8JsonWriter w, Webhook hook)
    {
        w.WriteStartObject();
        w.WriteString("id", hook.Id.ToString());
        w.WriteString("url", hook.Url.ToString());
        w.WriteString("description", hook.Description);
        w.WriteString("status", hook.Status);
        w.WriteString("auth_type", hook.AuthType);
        w.WriteStartArray("enabled_events");
        foreach (var e in hook.EnabledEvents)
        {
            w.WriteStringValue(e);
        }

        w.WriteEndArray();
        w.WriteString("created_at", Dates.V2Timestamp(hook.CreatedAt));
        w.WriteString("updated_at", Dates.V2Timestamp(hook.UpdatedAt));
        w.WriteEndObject();
    }
}
