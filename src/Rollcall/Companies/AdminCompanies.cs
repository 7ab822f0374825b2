using Rollcall.Data;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;

namespace Rollcall.Companies;

internal static class AdminCompanies
{
    /// <summary>The companies an account administers: where its directory user is an admin and not deactivated.</summary>
    public static IQueryable<Company> AdministeredBy(this RollcallDbContext db, Guid accountId) =>
        db.DirectoryUsers
            .Where(u => u.AccountId == accountId && u.Role == UserRole.Admin && u.Status != UserStatus.Deactivated)
            .Join(db.Companies, u => u.CompanyId, c => c.Id, (_, c) => c)
            .OrderBy(c => c.Name);
}
