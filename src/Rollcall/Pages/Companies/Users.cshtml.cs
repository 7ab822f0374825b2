using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rollcall.Directory;
using Rollcall.Hosting;

namespace Rollcall.Pages.Companies;

internal sealed class UsersModel(UserDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    public Paged<UserResponse> Users { get; private set; } = new([], 1, 50, 0);

    public async Task OnGetAsync(Guid companyId, CancellationToken ct) =>
        Users = await directory.ListAsync(companyId, new UserQuery(Search, null, null), new PageRequest(), ct);
}
