using Microsoft.AspNetCore.Http.HttpResults;
using Rollcall.Access;
using Rollcall.Endpoints;

namespace Rollcall.Mail;

internal static class MailApi
{
    public static RouteGroupBuilder MapMail(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/companies/{companyId:guid}")
            .RequireAuthorization(Policies.ApiCompanyAdmin)
            .AddEndpointFilter<PagingFilter>()
            .WithTags("Mail");
        group.MapGet("/mail", List).WithName("ListMail");
        group.MapGet("/mail/summary", Summary).WithName("GetMailSummary");
        group.MapPost("/mail/{messageId:guid}/retry", Retry).WithName("RetryMail");
        group.MapPost("/mail/{messageId:guid}/release", Release).WithName("ReleaseMail");
        group.MapPost("/mail/{messageId:guid}/discard", Discard).WithName("DiscardMail");
        group.MapPost("/mail/release-held", ReleaseHeld).WithName("ReleaseHeldMail");
        group.MapGet("/mail/settings", GetSettings).WithName("GetMailSettings");
        group.MapPut("/mail/settings", PutSettings).WithName("UpdateMailSettings");
        return group;
    }

    /// <summary>The company's messages, newest first; <c>filter</c>: all, pending, held, failed, sent or cancelled.</summary>
    private static async Task<Results<Ok<Paged<MailItem>>, ProblemHttpResult>> List(
        Guid companyId, [AsParameters] PageRequest page, MailOutbox outbox, CancellationToken ct, string? filter = null)
    {
        if (!TryFilter(filter, out var parsed))
        {
            return TypedResults.Problem(ProblemCodes.Invalid("invalid_filter.mail"));
        }

        return TypedResults.Ok(await outbox.ListAsync(companyId, parsed, page, ct));
    }

    private static async Task<Ok<MailCounts>> Summary(Guid companyId, MailOutbox outbox, CancellationToken ct) =>
        TypedResults.Ok(await outbox.CountsAsync(companyId, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> Retry(Guid companyId, Guid messageId, MailOutbox outbox, CancellationToken ct) =>
        ToResult(await outbox.RetryAsync(companyId, messageId, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> Release(Guid companyId, Guid messageId, MailOutbox outbox, CancellationToken ct) =>
        ToResult(await outbox.ReleaseAsync(companyId, messageId, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> Discard(Guid companyId, Guid messageId, MailOutbox outbox, CancellationToken ct) =>
        ToResult(await outbox.DiscardAsync(companyId, messageId, ct));

    /// <summary>Sends every message held for <c>reason</c>: over_run_cap (default) or domain_not_allowed.</summary>
    private static async Task<Results<Ok<ReleasedResponse>, ProblemHttpResult>> ReleaseHeld(
        Guid companyId, MailOutbox outbox, CancellationToken ct, string reason = Data.Outbox.HoldReasons.OverRunCap)
    {
        if (reason is not (Data.Outbox.HoldReasons.OverRunCap or Data.Outbox.HoldReasons.DomainNotAllowed))
        {
            return TypedResults.Problem(ProblemCodes.Invalid("invalid_reason"));
        }

        return TypedResults.Ok(new ReleasedResponse(await outbox.ReleaseAllAsync(companyId, reason, ct)));
    }

    private static async Task<Results<Ok<MailSettings>, ProblemHttpResult>> GetSettings(Guid companyId, MailOutbox outbox, CancellationToken ct) =>
        await outbox.SettingsAsync(companyId, ct) is { } settings
            ? TypedResults.Ok(settings)
            : TypedResults.Problem(ProblemCodes.NotFound("not_found.no_company"));

    private static async Task<Results<Ok<MailSettings>, ProblemHttpResult>> PutSettings(
        Guid companyId, MailSettings settings, MailOutbox outbox, CancellationToken ct)
    {
        var saved = await outbox.SaveSettingsAsync(companyId, settings, ct);
        return saved.Value is { } value ? TypedResults.Ok(value) : TypedResults.Problem(saved.Problem!);
    }

    private static Results<NoContent, ProblemHttpResult> ToResult(Outcome<bool> outcome) =>
        outcome.Problem is { } problem ? TypedResults.Problem(problem) : TypedResults.NoContent();

    internal static bool TryFilter(string? text, out MailFilter filter)
    {
        filter = MailFilter.All;
        return text is null || (Enum.TryParse(text, ignoreCase: true, out filter) && Enum.IsDefined(filter));
    }
}

internal sealed record ReleasedResponse(int Released);
