using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rollcall.Data.Directory;
using Rollcall.Directory;
using Rollcall.Endpoints;

namespace Rollcall.Pages.Companies;

internal sealed class UsersModel(UserDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public UserStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public UserSource? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? LegalEntity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Office { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Team { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ManagerId { get; set; }

    public OrgChoices Choices { get; private set; } = new([], [], [], []);

    // "page" is also the route value Razor Pages uses for the page path, which model binding would read first.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<UserResponse> Users { get; private set; } = new([], 1, 50, 0);

    // A filter value the page does not know binds to null and lists everyone, as an unfiltered list is harmless here.
    public async Task OnGetAsync(Guid companyId, CancellationToken ct)
    {
        var query = new UserQuery(Search, Status, Source, Blank.AsNull(LegalEntity), Blank.AsNull(Office), Blank.AsNull(Department), Blank.AsNull(Team), Manager: ManagerId);
        Users = await Paged<UserResponse>.WithinRangeAsync(PageNumber, page => directory.ListAsync(companyId, query, page, ct));
        Choices = await directory.OrgChoicesAsync(companyId, ct);
    }
}
