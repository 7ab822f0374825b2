using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rollcall.Overview;

namespace Rollcall.Pages.Companies;

/// <summary>Trends over the last 30 or 90 days (<c>?days=</c>; any other value shows 30): users by status, runs by outcome, Personio requests per run.</summary>
internal sealed class TrendsModel(CompanyTrends trends) : PageModel
{
    [FromQuery(Name = "days")]
    public int? Days { get; set; }

    public Trends Trends { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid companyId, CancellationToken ct)
    {
        if (await trends.LoadAsync(companyId, CompanyTrends.WindowOf(Days), ct) is not { } loaded)
        {
            return NotFound();
        }

        Trends = loaded;
        return Page();
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(int? value) => value?.ToString("N0", CultureInfo.CurrentCulture) ?? "–";
}
