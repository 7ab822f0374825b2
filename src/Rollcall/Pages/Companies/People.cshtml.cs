using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.Explorer;

namespace Rollcall.Pages.Companies;

/// <summary>Who in Personio is a user, and why (or why not): the rows the last runs wrote, searched and filtered.</summary>
internal sealed class PeopleModel(PeopleExplorer explorer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public PersonOutcome? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? LegalEntity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Office { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    // "page" is also the route value Razor Pages uses for the page path, which model binding would read first.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PeopleChoices Choices { get; private set; } = new([], [], [], []);

    /// <summary>Rendered in the page's language when the page model builds them.</summary>
    public Paged<PersonResponse> People { get; private set; } = new([], 1, 50, 0);

    // A filter value the page does not know binds to null and lists everyone, as an unfiltered list is harmless here.
    public async Task OnGetAsync(Guid companyId, CancellationToken ct)
    {
        var query = new PeopleQuery(Blank.AsNull(Search), Outcome, Blank.AsNull(Reason), Blank.AsNull(LegalEntity), Blank.AsNull(Office), Blank.AsNull(Department));
        var rows = await Paged<PersonDecision>.WithinRangeAsync(PageNumber, page => explorer.ListAsync(companyId, query, page, ct));
        People = new Paged<PersonResponse>(rows.Items.Select(PersonResponse.From).ToList(), rows.Page, rows.PageSize, rows.Total);
        Choices = await explorer.ChoicesAsync(companyId, ct);
    }
}
