using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Rollcall.Data;
using Rollcall.Data.Access;
using Rollcall.Data.Audit;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;

namespace Rollcall.Companies;

/// <summary>Creates a company together with its first admin (used by the <c>create-company</c> verb).</summary>
internal sealed class CompanySetup(RollcallDbContext db, UserManager<Account> accounts, TimeProvider time)
{
    public sealed record NewCompany(string Name, string TimeZone, CompanyLanguage Language, string AdminEmail, string AdminFirstName, string AdminLastName);

    /// <param name="OneTimePassword">Null when the admin already had an account (an admin of another company).</param>
    public sealed record CreatedCompany(Company Company, Account Admin, string? OneTimePassword);

    public async Task<CreatedCompany> CreateAsync(NewCompany request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new ArgumentException("The company needs a name.");
        }

        if (!CompanyRules.IsKnownTimeZone(request.TimeZone))
        {
            throw new ArgumentException($"Unknown time zone '{request.TimeZone}'; use an IANA id such as Europe/Berlin.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async (_, c) =>
        {
            var company = new Company { Id = Guid.NewGuid(), Name = request.Name.Trim(), TimeZone = request.TimeZone, Language = request.Language, CreatedAt = now };
            db.Companies.Add(company);

            var (account, password) = await FindOrCreateAccountAsync(request.AdminEmail, now);
            db.Cause = ChangeCause.System("create-company");
            db.DirectoryUsers.Add(new DirectoryUser
            {
                Id = Guid.NewGuid(),
                CompanyId = company.Id,
                FirstName = request.AdminFirstName,
                LastName = request.AdminLastName,
                Email = request.AdminEmail,
                Status = UserStatus.Active,
                EmploymentType = EmploymentType.Internal,
                Role = UserRole.Admin,
                Source = UserSource.Manual,
                AccountId = account.Id,
                AcceptedAt = now,
            });
            await db.SaveChangesAsync(c);
            return new CreatedCompany(company, account, password);
        }, ct);
    }

    private async Task<(Account Account, string? Password)> FindOrCreateAccountAsync(string email, DateTime now)
    {
        if (await accounts.FindByEmailAsync(email) is { } existing)
        {
            return (existing, null);
        }

        var account = new Account { Id = Guid.NewGuid(), UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, MustChangePassword = true, CreatedAt = now };
        var password = OneTimePassword();
        var result = await accounts.CreateAsync(account, password);
        if (!result.Succeeded)
        {
            throw new ArgumentException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return (account, password);
    }

    /// <summary>Four groups of four from an alphabet without look-alikes; always has upper, lower and digit.</summary>
    internal static string OneTimePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = Enumerable.Range(0, 16).Select(_ => all[RandomNumberGenerator.GetInt32(all.Length)]).ToArray();
        chars[RandomNumberGenerator.GetInt32(0, 5)] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[RandomNumberGenerator.GetInt32(5, 10)] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[RandomNumberGenerator.GetInt32(10, 16)] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
    }
}
