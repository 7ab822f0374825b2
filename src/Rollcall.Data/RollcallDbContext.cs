using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Access;
using Rollcall.Data.Audit;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;

namespace Rollcall.Data;

public sealed class RollcallDbContext(DbContextOptions<RollcallDbContext> options)
    : IdentityUserContext<Account, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<DirectoryUser> DirectoryUsers => Set<DirectoryUser>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PersonioIntegration> PersonioIntegrations => Set<PersonioIntegration>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<SyncRunStep> SyncRunSteps => Set<SyncRunStep>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<PersonDecision> PersonDecisions => Set<PersonDecision>();
    public DbSet<Webhooks.WebhookEvent> WebhookEvents => Set<Webhooks.WebhookEvent>();
    public DbSet<AccountSession> AccountSessions => Set<AccountSession>();
    public DbSet<ConfigAudit.ConfigurationChange> ConfigurationChanges => Set<ConfigAudit.ConfigurationChange>();
    public DbSet<InstallationSecret> InstallationSecrets => Set<InstallationSecret>();
    public DbSet<StandingWarning> StandingWarnings => Set<StandingWarning>();

    /// <summary>
    /// The cause of the changes about to be saved. Saving a change to a user without one fails:
    /// every change to a user gets an audit entry naming its cause.
    /// </summary>
    public ChangeCause? Cause { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RollcallDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<CompanyLanguage>().HaveConversion<LowerCaseEnumConverter<CompanyLanguage>>().HaveMaxLength(16);
        configurationBuilder.Properties<UserStatus>().HaveConversion<LowerCaseEnumConverter<UserStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<EmploymentType>().HaveConversion<LowerCaseEnumConverter<EmploymentType>>().HaveMaxLength(16);
        configurationBuilder.Properties<UserRole>().HaveConversion<LowerCaseEnumConverter<UserRole>>().HaveMaxLength(16);
        configurationBuilder.Properties<UserSource>().HaveConversion<LowerCaseEnumConverter<UserSource>>().HaveMaxLength(16);
        configurationBuilder.Properties<ChangeCauseKind>().HaveConversion<LowerCaseEnumConverter<ChangeCauseKind>>().HaveMaxLength(16);
        configurationBuilder.Properties<IntegrationState>().HaveConversion<LowerCaseEnumConverter<IntegrationState>>().HaveMaxLength(32);
        configurationBuilder.Properties<LeavePolicy>().HaveConversion<LowerCaseEnumConverter<LeavePolicy>>().HaveMaxLength(16);
        configurationBuilder.Properties<SyncTrigger>().HaveConversion<LowerCaseEnumConverter<SyncTrigger>>().HaveMaxLength(16);
        configurationBuilder.Properties<RunState>().HaveConversion<LowerCaseEnumConverter<RunState>>().HaveMaxLength(16);
        configurationBuilder.Properties<RunPhase>().HaveConversion<LowerCaseEnumConverter<RunPhase>>().HaveMaxLength(24);
        configurationBuilder.Properties<StepKind>().HaveConversion<LowerCaseEnumConverter<StepKind>>().HaveMaxLength(16);
        configurationBuilder.Properties<StepStatus>().HaveConversion<LowerCaseEnumConverter<StepStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<MessageKind>().HaveConversion<LowerCaseEnumConverter<MessageKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<MessageState>().HaveConversion<LowerCaseEnumConverter<MessageState>>().HaveMaxLength(16);
    }
}
