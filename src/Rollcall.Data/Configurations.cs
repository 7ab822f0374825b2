using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Rollcall.Data.Access;
using Rollcall.Data.Audit;
using Rollcall.Data.Companies;
using Rollcall.Data.ConfigAudit;
using Rollcall.Data.Directory;

namespace Rollcall.Data;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> company)
    {
        company.Property(c => c.Name).HasMaxLength(200);
        company.Property(c => c.TimeZone).HasMaxLength(64);
        company.Property(c => c.InvitationDomains).HasMaxLength(1000);
    }
}

internal sealed class DirectoryUserConfiguration : IEntityTypeConfiguration<DirectoryUser>
{
    /// <summary>Payment data columns hold the sealed (encrypted) form, far longer than the value.</summary>
    public const int SealedLength = 1024;

    public void Configure(EntityTypeBuilder<DirectoryUser> user)
    {
        user.HasOne<Company>().WithMany().HasForeignKey(u => u.CompanyId).OnDelete(DeleteBehavior.Cascade);
        user.HasOne<Account>().WithMany().HasForeignKey(u => u.AccountId).OnDelete(DeleteBehavior.SetNull);
        user.Property(u => u.FirstName).HasMaxLength(200);
        user.Property(u => u.LastName).HasMaxLength(200);
        user.Property(u => u.Email).HasMaxLength(320);
        user.Property(u => u.NormalizedEmail).HasMaxLength(320);
        user.Property(u => u.SealedIban).HasColumnName("Iban").HasMaxLength(SealedLength);
        user.Property(u => u.SealedPersonnelNumber).HasColumnName("PersonnelNumber").HasMaxLength(SealedLength);
        foreach (var id in new[] { nameof(DirectoryUser.LegalEntityId), nameof(DirectoryUser.OfficeId), nameof(DirectoryUser.DepartmentId), nameof(DirectoryUser.TeamId), nameof(DirectoryUser.PrimaryCostCenterId) })
        {
            user.Property<string?>(id).HasMaxLength(64);
        }

        foreach (var name in new[] { nameof(DirectoryUser.LegalEntityName), nameof(DirectoryUser.OfficeName), nameof(DirectoryUser.DepartmentName), nameof(DirectoryUser.TeamName) })
        {
            user.Property<string?>(name).HasMaxLength(200);
        }

        user.Property(u => u.CostCenters).HasConversion(CostCentersJson.Converter, CostCentersJson.Comparer);
        user.HasOne<DirectoryUser>().WithMany().HasForeignKey(u => u.ManagerId).OnDelete(DeleteBehavior.SetNull);
        user.HasIndex(u => new { u.CompanyId, u.LegalEntityId });
        user.HasIndex(u => new { u.CompanyId, u.OfficeId });
        user.HasIndex(u => new { u.CompanyId, u.DepartmentId });
        user.HasIndex(u => new { u.CompanyId, u.TeamId });
        user.HasIndex(u => new { u.CompanyId, u.PrimaryCostCenterId });
        user.Property(u => u.SealedCreditorNumber).HasColumnName("CreditorNumber").HasMaxLength(SealedLength);
        user.Property(u => u.PaymentFingerprint).HasMaxLength(PaymentFingerprints.Length);
        user.HasIndex(u => new { u.Status, u.DeactivatedAt });
        user.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
        user.HasIndex(u => new { u.CompanyId, u.NormalizedEmail }).IsUnique();
        user.HasIndex(u => new { u.CompanyId, u.PersonioEmployeeId }).IsUnique();
        user.HasIndex(u => u.AccountId);
    }
}

/// <summary>Field diffs are stored as a JSON text column, portable across SQLite and PostgreSQL.</summary>
internal static class FieldChangesJson
{
    public static readonly ValueConverter<List<FieldChange>, string> Converter = new(
        changes => JsonSerializer.Serialize(changes, JsonSerializerOptions.Web),
        json => JsonSerializer.Deserialize<List<FieldChange>>(json, JsonSerializerOptions.Web) ?? new List<FieldChange>());

    public static readonly ValueComparer<List<FieldChange>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        changes => changes.Aggregate(0, (hash, change) => HashCode.Combine(hash, change.GetHashCode())),
        changes => changes.ToList());
}

/// <summary>A user's cost centers as a JSON text column, portable across SQLite and PostgreSQL.</summary>
internal static class CostCentersJson
{
    public static readonly ValueConverter<List<CostCenterShare>, string> Converter = new(
        shares => JsonSerializer.Serialize(shares, JsonSerializerOptions.Web),
        json => JsonSerializer.Deserialize<List<CostCenterShare>>(json, JsonSerializerOptions.Web) ?? new List<CostCenterShare>());

    public static readonly ValueComparer<List<CostCenterShare>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        shares => shares.Aggregate(0, (hash, share) => HashCode.Combine(hash, share.GetHashCode())),
        shares => shares.ToList());
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasOne<Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Cascade);
        entry.Property(e => e.CauseId).HasMaxLength(64);
        entry.Property(e => e.CauseName).HasMaxLength(320);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Changes).HasConversion(FieldChangesJson.Converter, FieldChangesJson.Comparer);
        entry.HasIndex(e => new { e.CompanyId, e.UserId, e.At });
        entry.HasIndex(e => new { e.CompanyId, e.At });
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.HasOne<Company>().WithMany().HasForeignKey(k => k.CompanyId).OnDelete(DeleteBehavior.Cascade);
        key.HasOne<Account>().WithMany().HasForeignKey(k => k.AccountId).OnDelete(DeleteBehavior.Cascade);
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.Hash).HasMaxLength(64);
        key.HasIndex(k => k.Prefix).IsUnique();
    }
}

internal sealed class AccountSessionConfiguration : IEntityTypeConfiguration<AccountSession>
{
    public void Configure(EntityTypeBuilder<AccountSession> session)
    {
        session.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        session.Property(s => s.SignInMethod).HasMaxLength(32);
        session.HasIndex(s => s.AccountId);
    }
}

internal sealed class ConfigurationChangeConfiguration : IEntityTypeConfiguration<ConfigurationChange>
{
    public void Configure(EntityTypeBuilder<ConfigurationChange> change)
    {
        change.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Cascade);
        change.Property(c => c.ActorKind).HasMaxLength(16);
        change.Property(c => c.ActorId).HasMaxLength(64);
        change.Property(c => c.ActorName).HasMaxLength(320);
        change.Property(c => c.Action).HasMaxLength(64);
        change.Property(c => c.Subject).HasMaxLength(320);
        change.Property(c => c.Changes).HasConversion(FieldChangesJson.Converter, FieldChangesJson.Comparer);
        change.HasIndex(c => new { c.CompanyId, c.At });
    }
}

internal sealed class InstallationSecretConfiguration : IEntityTypeConfiguration<InstallationSecret>
{
    public void Configure(EntityTypeBuilder<InstallationSecret> secret)
    {
        secret.HasKey(s => s.Name);
        secret.Property(s => s.Name).HasMaxLength(64);
        secret.Property(s => s.SealedValue).HasMaxLength(DirectoryUserConfiguration.SealedLength);
    }
}
