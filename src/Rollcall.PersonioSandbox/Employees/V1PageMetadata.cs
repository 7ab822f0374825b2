using Rollcall.PersonioSandbox.Faults;

namespace Rollcall.PersonioSandbox.Employees;

/// <summary>
/// The <c>metadata</c> of a v1 list page and whether its records are sent: the truth, unless the request
/// carries empty_page, lying_empty_page or lying_total.
/// </summary>
internal readonly record struct V1PageMetadata(int TotalElements, int CurrentPage, int TotalPages, bool SendRecords)
{
    public static V1PageMetadata Of(HttpContext http, int total, int offset, int limit)
    {
        var page = offset / limit;
        if (FaultSignals.Requested(http, FaultKind.LyingEmptyPage) is not null)
        {
            // The list "ends" right before this page.
            return new(page * limit, page, page, false);
        }

        var shown = FaultSignals.Requested(http, FaultKind.LyingTotal) is { } lie ? Math.Max(0, total + lie.TotalDelta) : total;
        return new(shown, page, (shown + limit - 1) / limit, FaultSignals.Requested(http, FaultKind.EmptyPage) is null);
    }
}
