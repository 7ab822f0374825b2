namespace Rollcall.Data.Personio;

/// <summary>
/// A company's connection to Personio: credentials (the secret encrypted at rest), attribute mapping, schedule,
/// mass-change guard and import policy. One per company.
/// </summary>
public sealed class PersonioIntegration
{
    public Guid CompanyId { get; set; }
    public IntegrationState State { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret, protected with ASP.NET Core Data Protection; never leaves in clear.</summary>
    public string? EncryptedSecret { get; set; }

    /// <summary>Personio attribute keys (<c>dynamic_NNN</c>) mapped to Rollcall's optional fields; null = not mapped.</summary>
    public string? IbanAttribute { get; set; }
    public string? PersonnelNumberAttribute { get; set; }
    public string? CreditorNumberAttribute { get; set; }

    /// <summary>Local time of the nightly run, in the company's time zone.</summary>
    public TimeOnly NightlyAt { get; set; } = new(2, 0);

    /// <summary>A run that would deactivate more than this share of the Personio-managed users (and at least <see cref="GuardMinimum"/>) waits for approval.</summary>
    public int GuardPercent { get; set; } = 10;
    public int GuardMinimum { get; set; } = 3;

    /// <summary>
    /// The payment guard: a run that would change the IBAN or creditor number of more than this many users, or more than
    /// <see cref="PaymentGuardPercent"/> of the company's users (whichever is larger), holds those changes for approval.
    /// </summary>
    public int PaymentGuardMinimum { get; set; } = 5;
    public int PaymentGuardPercent { get; set; } = 2;

    public LeavePolicy LeavePolicy { get; set; }

    /// <summary>Which legal entities, offices and departments are in scope (see <see cref="ImportRules"/>).</summary>
    public ImportScope Scope { get; set; } = ImportScope.All;

    /// <summary>Externals become users of type external.</summary>
    public bool ImportExternals { get; set; }

    /// <summary>Onboarding people are invited this many days before their hire date; null: only once active.</summary>
    public int? OnboardingInviteDays { get; set; }

    /// <summary>The rules a run decides by.</summary>
    public ImportRules Rules => new(Scope, ImportExternals, LeavePolicy, OnboardingInviteDays);

    public DateTime? ConnectedAt { get; set; }

    /// <summary>When Personio last refused the stored credentials; cleared by reconnecting.</summary>
    public DateTime? RejectedAt { get; set; }

    /// <summary>Set after the first run that applied its plan: from then on, email links hand-made users no more.</summary>
    public DateTime? FirstSyncAt { get; set; }

    /// <summary>Mapped attributes last found unreadable, comma-separated; the admin is told once per change of this set.</summary>
    public string? UnreadableAttributes { get; set; }

    /// <summary>The node holding the run lease, and until when: one run per company at a time, across nodes.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }

    /// <summary>
    /// SHA-256 (hex) of the token Personio sends in the <c>Authorization</c> header of webhook deliveries to this
    /// company's endpoint; null: no webhook token issued. The token itself is shown once, when issued, and never stored.
    /// </summary>
    public string? WebhookTokenHash { get; set; }

    /// <summary>The token before the last rotation, still accepted until <see cref="WebhookPreviousTokenUntil"/> (deliveries in flight, retries).</summary>
    public string? WebhookPreviousTokenHash { get; set; }
    public DateTime? WebhookPreviousTokenUntil { get; set; }

    /// <summary>Personio's id of the webhook Rollcall registered through the v2 API; null when none (or set up by hand).</summary>
    public string? WebhookId { get; set; }

    /// <summary>When Rollcall last registered its webhook in Personio.</summary>
    public DateTime? WebhookRegisteredAt { get; set; }

    /// <summary>Why registration in Personio did not happen (e.g. the credential lacks the webhook scopes); null when it did or was not tried.</summary>
    public Reason? WebhookProblem { get; set; }

    /// <summary>When the last webhook event for this company was accepted.</summary>
    public DateTime? LastEventAt { get; set; }

    /// <summary>The <c>updated_at</c> bound the last delta read covered up to (Personio's time, UTC); null: no delta read yet.</summary>
    public DateTime? DeltaReadUntil { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

public enum IntegrationState
{
    NotConnected,
    Connected,
    CredentialsRejected,

    /// <summary>
    /// Rollcall can no longer decrypt the stored secret (its Data Protection key is gone from the key ring, or protected
    /// by a certificate no longer configured): nothing syncs until an admin enters the credentials again.
    /// </summary>
    SecretUnreadable,
}

/// <summary>What happens to a user whose employee goes on leave (parental leave, sabbatical).</summary>
public enum LeavePolicy
{
    /// <summary>The user stays as they are, so nobody is locked out during leave (default).</summary>
    KeepUser,
    Deactivate,
}
