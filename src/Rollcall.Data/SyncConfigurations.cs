using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;

namespace Rollcall.Data;

internal sealed class PersonioIntegrationConfiguration : IEntityTypeConfiguration<PersonioIntegration>
{
    public void Configure(EntityTypeBuilder<PersonioIntegration> integration)
    {
        integration.HasKey(i => i.CompanyId);
        integration.HasOne<Company>().WithOne().HasForeignKey<PersonioIntegration>(i => i.CompanyId).OnDelete(DeleteBehavior.Cascade);
        integration.Property(i => i.ClientId).HasMaxLength(200);
        integration.Property(i => i.EncryptedSecret).HasMaxLength(4000);
        integration.Property(i => i.IbanAttribute).HasMaxLength(100);
        integration.Property(i => i.PersonnelNumberAttribute).HasMaxLength(100);
        integration.Property(i => i.CreditorNumberAttribute).HasMaxLength(100);
        integration.Property(i => i.UnreadableAttributes).HasMaxLength(400);
        integration.Property(i => i.Scope).HasConversion(s => s.ToJson(), json => ImportScope.FromJson(json));
        integration.Ignore(i => i.Rules);
        integration.Property(i => i.LeaseOwner).HasMaxLength(100);
        integration.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();
        integration.Property(i => i.WebhookTokenHash).HasMaxLength(64);
        integration.Property(i => i.WebhookPreviousTokenHash).HasMaxLength(64);
        integration.Property(i => i.WebhookId).HasMaxLength(100);
        integration.Property(i => i.WebhookProblem).HasConversion(ReasonJson.Converter);
    }
}

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<Rollcall.Data.Webhooks.WebhookEvent>
{
    public void Configure(EntityTypeBuilder<Rollcall.Data.Webhooks.WebhookEvent> e)
    {
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Fingerprint).HasMaxLength(64);
        e.Property(x => x.EventName).HasMaxLength(64);
        e.Property(x => x.EmploymentId).HasMaxLength(64);
        e.HasIndex(x => new { x.CompanyId, x.Fingerprint }).IsUnique();
        // The processor's question: which companies have events waiting, and since when.
        e.HasIndex(x => new { x.ProcessedAt, x.CompanyId, x.ReceivedAt });
    }
}

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> run)
    {
        run.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
        run.Property(r => r.Reason).HasConversion(ReasonJson.Converter);
        run.Property(r => r.DecidedBy).HasMaxLength(320);
        run.Property(r => r.ProposedRules).HasConversion(ImportRulesJson.Converter);
        run.HasIndex(r => new { r.CompanyId, r.StartedAt });
        run.HasIndex(r => r.UndoOfRunId);
    }
}

internal static class ImportRulesJson
{
    // EF Core never passes null to a converter: no proposal is a null column.
    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<ImportRules?, string> Converter =
        new(rules => rules!.ToJson(), json => ImportRules.FromJson(json));
}

internal sealed class PersonDecisionConfiguration : IEntityTypeConfiguration<PersonDecision>
{
    public void Configure(EntityTypeBuilder<PersonDecision> person)
    {
        person.HasKey(p => new { p.CompanyId, p.PersonioEmployeeId });
        person.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Cascade);
        person.Property(p => p.Name).HasMaxLength(PersonDecision.NameLength);
        person.Property(p => p.Email).HasMaxLength(320);
        person.Property(p => p.SearchText).HasMaxLength(PersonDecision.NameLength + 360);
        person.Property(p => p.Status).HasMaxLength(24);
        person.Property(p => p.EmploymentType).HasMaxLength(24);
        foreach (var id in new[] { nameof(PersonDecision.LegalEntityId), nameof(PersonDecision.OfficeId), nameof(PersonDecision.DepartmentId) })
        {
            person.Property<string?>(id).HasMaxLength(64);
        }

        foreach (var name in new[] { nameof(PersonDecision.LegalEntityName), nameof(PersonDecision.OfficeName), nameof(PersonDecision.DepartmentName) })
        {
            person.Property<string?>(name).HasMaxLength(200);
        }

        person.Property(p => p.ReasonCode).HasMaxLength(64);
        person.Property(p => p.Reason).HasConversion(ReasonJson.Converter);
        person.HasIndex(p => new { p.CompanyId, p.ReasonCode });
        person.HasIndex(p => new { p.CompanyId, p.Outcome });
        person.HasIndex(p => new { p.CompanyId, p.LegalEntityId });
        person.HasIndex(p => new { p.CompanyId, p.OfficeId });
        person.HasIndex(p => new { p.CompanyId, p.DepartmentId });
    }
}

internal sealed class SyncRunStepConfiguration : IEntityTypeConfiguration<SyncRunStep>
{
    public void Configure(EntityTypeBuilder<SyncRunStep> step)
    {
        step.HasOne<SyncRun>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        step.Property(s => s.Subject).HasMaxLength(SyncRunStep.SubjectLength);
        step.Property(s => s.ReasonCode).HasMaxLength(64);
        step.Property(s => s.Reason).HasConversion(ReasonJson.Converter);
        step.Property(s => s.Changes).HasConversion(FieldChangesJson.Converter, FieldChangesJson.Comparer);
        step.Property(s => s.DecidedBy).HasMaxLength(320);
        step.HasIndex(s => new { s.RunId, s.Kind });
        step.HasIndex(s => new { s.CompanyId, s.Status });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId).OnDelete(DeleteBehavior.Cascade);
        message.Property(m => m.IdempotencyKey).HasMaxLength(200);
        message.Property(m => m.Topic).HasMaxLength(64);
        message.Property(m => m.Detail).HasMaxLength(2000);
        message.Property(m => m.LastError).HasMaxLength(2000);
        message.HasIndex(m => m.IdempotencyKey).IsUnique();
        message.Property(m => m.HeldReason).HasMaxLength(64);
        message.Property(m => m.ClaimedBy).HasMaxLength(100);
        message.HasIndex(m => new { m.State, m.NextAttemptAt });
        message.HasIndex(m => new { m.CompanyId, m.State });
        message.HasIndex(m => m.RunId);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.HasOne<Company>().WithMany().HasForeignKey(i => i.CompanyId).OnDelete(DeleteBehavior.Cascade);
        invitation.HasOne<DirectoryUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        invitation.Property(i => i.TokenHash).HasMaxLength(64);
        invitation.Property(i => i.NormalizedEmail).HasMaxLength(320);
        invitation.Property(i => i.ProtectedToken).HasMaxLength(1000);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasIndex(i => new { i.UserId, i.CreatedAt });
    }
}

internal sealed class StandingWarningConfiguration : IEntityTypeConfiguration<StandingWarning>
{
    public void Configure(EntityTypeBuilder<StandingWarning> warning)
    {
        warning.HasOne<Company>().WithMany().HasForeignKey(w => w.CompanyId).OnDelete(DeleteBehavior.Cascade);
        warning.Property(w => w.ReasonCode).HasMaxLength(64);
        warning.Property(w => w.Reason).HasConversion(ReasonJson.Converter!);
        warning.HasIndex(w => new { w.CompanyId, w.PersonioEmployeeId });
    }
}
