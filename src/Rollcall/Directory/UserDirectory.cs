using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Endpoints;
using Rollcall.Invitations;
using Rollcall.Mail;
using Rollcall.PaymentData;

namespace Rollcall.Directory;

/// <summary>
/// An admin's changes to a company's directory. Every change is saved with its cause, so it is audited; a user who is
/// (again) invited gets an invitation queued in the same transaction.
/// </summary>
internal sealed class UserDirectory(RollcallDbContext db, InvitationQueue invitations, PaymentDataSeal seal, PaymentChangeNotices paymentNotices)
{
    public async Task<Paged<UserResponse>> ListAsync(Guid companyId, UserQuery query, PageRequest page, CancellationToken ct)
    {
        var users = db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == companyId);
        if (query.Status is { } status)
        {
            users = users.Where(u => u.Status == status);
        }

        if (query.Source is { } source)
        {
            users = users.Where(u => u.Source == source);
        }

        users = query.LegalEntity is { } legalEntity ? users.Where(u => u.LegalEntityId == legalEntity) : users;
        users = query.Office is { } office ? users.Where(u => u.OfficeId == office) : users;
        users = query.Department is { } department ? users.Where(u => u.DepartmentId == department) : users;
        users = query.Team is { } team ? users.Where(u => u.TeamId == team) : users;
        users = query.CostCenter is { } costCenter ? users.Where(u => u.PrimaryCostCenterId == costCenter) : users;
        users = query.Manager is { } manager ? users.Where(u => u.ManagerId == manager) : users;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL UPPER() by EF Core, not run in .NET
            users = users.Where(u => u.NormalizedEmail.Contains(term)
                || u.FirstName.ToUpper().Contains(term) || u.LastName.ToUpper().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await users.CountAsync(ct);
        var items = await users.OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Id)
            .Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        var managers = await ManagerNamesAsync(companyId, items, ct);
        return new Paged<UserResponse>(items.Select(u => UserResponse.From(u, seal.PaymentDataOf(u), u.ManagerId is { } m ? managers.GetValueOrDefault(m) : null)).ToList(), page.Page, page.PageSize, total);
    }

    /// <summary>The legal entities, offices, departments and teams the company's users sit in, for the list's filters.</summary>
    public async Task<OrgChoices> OrgChoicesAsync(Guid companyId, CancellationToken ct)
    {
        var users = db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == companyId);
        var legalEntities = await users.Where(u => u.LegalEntityId != null).Select(u => new { Id = u.LegalEntityId!, Name = u.LegalEntityName }).Distinct().ToListAsync(ct);
        var offices = await users.Where(u => u.OfficeId != null).Select(u => new { Id = u.OfficeId!, Name = u.OfficeName }).Distinct().ToListAsync(ct);
        var departments = await users.Where(u => u.DepartmentId != null).Select(u => new { Id = u.DepartmentId!, Name = u.DepartmentName }).Distinct().ToListAsync(ct);
        var teams = await users.Where(u => u.TeamId != null).Select(u => new { Id = u.TeamId!, Name = u.TeamName }).Distinct().ToListAsync(ct);
        static List<OrgUnitResponse> Sorted(IEnumerable<OrgUnitResponse> units) =>
            [.. units.DistinctBy(u => u.Id).OrderBy(u => u.Name ?? u.Id, StringComparer.CurrentCulture).ThenBy(u => u.Id, StringComparer.Ordinal)];
        return new OrgChoices(
            Sorted(legalEntities.Select(u => new OrgUnitResponse(u.Id, u.Name))),
            Sorted(offices.Select(u => new OrgUnitResponse(u.Id, u.Name))),
            Sorted(departments.Select(u => new OrgUnitResponse(u.Id, u.Name))),
            Sorted(teams.Select(u => new OrgUnitResponse(u.Id, u.Name))));
    }

    /// <summary>A user as the API shows it, with their manager's name.</summary>
    public async Task<UserResponse> ResponseAsync(DirectoryUser user, CancellationToken ct) =>
        UserResponse.From(user, seal.PaymentDataOf(user), user.ManagerId is { } m ? (await ManagerNamesAsync(user.CompanyId, [user], ct)).GetValueOrDefault(m) : null);

    private async Task<Dictionary<Guid, string>> ManagerNamesAsync(Guid companyId, IReadOnlyCollection<DirectoryUser> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.ManagerId).OfType<Guid>().Distinct().ToList();
        return ids.Count == 0
            ? []
            : (await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == companyId && ids.Contains(u.Id))
                .Select(u => new { u.Id, u.FirstName, u.LastName }).ToListAsync(ct))
                .ToDictionary(u => u.Id, u => $"{u.FirstName} {u.LastName}".Trim());
    }

    public Task<DirectoryUser?> FindAsync(Guid companyId, Guid userId, CancellationToken ct) =>
        db.DirectoryUsers.SingleOrDefaultAsync(u => u.CompanyId == companyId && u.Id == userId, ct);

    public async Task<Outcome<DirectoryUser>> CreateAsync(Guid companyId, NewUser request, ChangeCause cause, CancellationToken ct)
    {
        // JSON may leave out what the record declares non-null; a missing name or email is a bad request, not a crash.
        request = request with { FirstName = request.FirstName ?? "", LastName = request.LastName ?? "", Email = request.Email ?? "" };
        if (UserValidation.Check(request.FirstName, request.LastName, request.Email, request.Iban, request.PersonnelNumber, request.CreditorNumber) is { } problem)
        {
            return problem;
        }

        var user = new DirectoryUser
        {
            Id = Guid.NewGuid(),
            CompanyId = companyId,
            FirstName = request.FirstName.Trim(),
            LastName = request.LastName.Trim(),
            Email = request.Email,
            Status = UserStatus.Invited,
            EmploymentType = request.EmploymentType,
            Role = request.Role,
            Source = UserSource.Manual,
            SealedIban = seal.Seal(EmptyAsNull(request.Iban) is { } iban ? Iban.Normalize(iban) : null),
            SealedPersonnelNumber = seal.Seal(EmptyAsNull(request.PersonnelNumber)),
            SealedCreditorNumber = seal.Seal(EmptyAsNull(request.CreditorNumber)),
        };
        if (await EmailTakenAsync(companyId, user.NormalizedEmail, null, ct))
        {
            return EmailTaken();
        }

        db.DirectoryUsers.Add(user);
        await invitations.InviteAsync(user, "created", ct);
        return await SaveAsync(user, cause, ct);
    }

    public async Task<Outcome<DirectoryUser>> UpdateAsync(Guid companyId, Guid userId, UserChanges changes, ChangeCause cause, CancellationToken ct)
    {
        if (await FindAsync(companyId, userId, ct) is not { } user)
        {
            return ProblemCodes.NotFound("not_found.user");
        }

        var touchesMasterData = changes.FirstName is not null || changes.LastName is not null || changes.Email is not null
            || changes.EmploymentType is not null || changes.Iban is not null || changes.PersonnelNumber is not null || changes.CreditorNumber is not null;
        if (touchesMasterData && user.Source == UserSource.Personio)
        {
            return ManagedByPersonio();
        }

        if (UserValidation.Check(changes.FirstName, changes.LastName, changes.Email, changes.Iban, changes.PersonnelNumber, changes.CreditorNumber) is { } problem)
        {
            return problem;
        }

        if (changes.Role is { } role && role != user.Role && IsSelf(user, cause))
        {
            return ProblemCodes.Conflict("cannot_change_own_role");
        }

        if (changes.Email is { } email && await EmailTakenAsync(companyId, DirectoryUser.NormalizeEmail(email), user.Id, ct))
        {
            return EmailTaken();
        }

        var paymentBefore = paymentNotices.Snapshot(user);
        user.FirstName = changes.FirstName?.Trim() ?? user.FirstName;
        user.LastName = changes.LastName?.Trim() ?? user.LastName;
        var emailChanged = changes.Email is { } newEmail && DirectoryUser.NormalizeEmail(newEmail) != user.NormalizedEmail;
        user.Email = changes.Email ?? user.Email;
        if (emailChanged && user.Status == UserStatus.Invited)
        {
            // The old link was bound to the old address and stops working; the new address gets its own.
            await invitations.InviteAsync(user, $"email-changed:{Guid.NewGuid()}", ct);
        }

        user.EmploymentType = changes.EmploymentType ?? user.EmploymentType;
        user.Role = changes.Role ?? user.Role;
        if (changes.Iban is not null)
        {
            seal.SetIban(user, EmptyAsNull(changes.Iban) is { } iban ? Iban.Normalize(iban) : null);
        }

        if (changes.PersonnelNumber is not null)
        {
            seal.SetPersonnelNumber(user, EmptyAsNull(changes.PersonnelNumber));
        }

        if (changes.CreditorNumber is not null)
        {
            seal.SetCreditorNumber(user, EmptyAsNull(changes.CreditorNumber));
        }

        paymentNotices.QueueIfChanged(user, paymentBefore, cause, Guid.NewGuid());
        return await SaveAsync(user, cause, ct);
    }

    /// <summary>Deactivates or reactivates a hand-made user; Personio-managed users follow Personio.</summary>
    public async Task<Outcome<DirectoryUser>> SetActiveAsync(Guid companyId, Guid userId, bool active, ChangeCause cause, CancellationToken ct)
    {
        if (await FindAsync(companyId, userId, ct) is not { } user)
        {
            return ProblemCodes.NotFound("not_found.user");
        }

        if (user.Source == UserSource.Personio)
        {
            return ManagedByPersonio();
        }

        if (!active && IsSelf(user, cause))
        {
            return ProblemCodes.Conflict("cannot_deactivate_self");
        }

        var wasDeactivated = user.Status == UserStatus.Deactivated;
        user.Status = !active ? UserStatus.Deactivated
            : user.Status != UserStatus.Deactivated ? user.Status
            : user.AcceptedAt is null ? UserStatus.Invited : UserStatus.Active;
        if (wasDeactivated && user.Status == UserStatus.Invited)
        {
            await invitations.InviteAsync(user, $"reactivated:{Guid.NewGuid()}", ct);
        }

        return await SaveAsync(user, cause, ct);
    }

    public async Task<Paged<AuditEntryResponse>> AuditAsync(Guid companyId, Guid? userId, PageRequest page, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.CompanyId == companyId);
        if (userId is { } id)
        {
            entries = entries.Where(e => e.UserId == id);
        }

        var total = await entries.CountAsync(ct);
        var items = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Paged<AuditEntryResponse>(items.Select(AuditEntryResponse.From).ToList(), page.Page, page.PageSize, total);
    }

    private async Task<Outcome<DirectoryUser>> SaveAsync(DirectoryUser user, ChangeCause cause, CancellationToken ct)
    {
        db.Cause = cause;
        try
        {
            await db.SaveChangesAsync(ct);
            return user;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ProblemCodes.Conflict("concurrent_change");
        }
        catch (DbUpdateException)
        {
            // Lost a race with a concurrent insert of the same email: the unique index said no.
            if (await EmailTakenAsync(user.CompanyId, user.NormalizedEmail, user.Id, ct))
            {
                return EmailTaken();
            }

            throw;
        }
    }

    private Task<bool> EmailTakenAsync(Guid companyId, string normalizedEmail, Guid? except, CancellationToken ct) =>
        db.DirectoryUsers.AsNoTracking().AnyAsync(u => u.CompanyId == companyId && u.NormalizedEmail == normalizedEmail && u.Id != except, ct);

    private static bool IsSelf(DirectoryUser user, ChangeCause cause) =>
        cause.Kind == ChangeCauseKind.Admin && user.AccountId?.ToString() == cause.Id;

    private static string? EmptyAsNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Microsoft.AspNetCore.Mvc.ProblemDetails EmailTaken() =>
        ProblemCodes.Conflict("email_taken");

    private static Microsoft.AspNetCore.Mvc.ProblemDetails ManagedByPersonio() =>
        ProblemCodes.Conflict("managed_by_personio");
}
