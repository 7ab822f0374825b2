namespace Rollcall.Mail.Notifications;

/// <summary>
/// A user's IBAN or creditor number changed: one message to the company's admins and one to the person at each address
/// concerned (<see cref="PersonalRecipient"/>). Masked values only (<c>Rollcall.Data.Directory.PaymentMask</c>), and who
/// or what made the change: <see cref="ActorKind"/> <c>sync</c>, <c>admin</c> or <c>system</c>, with
/// <see cref="ActorName"/> (a run's short id, a shortened address, a system step). Once per change and recipient.
/// </summary>
internal sealed record PaymentDataChanged(
    Guid ChangeId,
    Guid UserId,
    string Person,
    string ActorKind,
    string ActorName,
    PaymentFieldChange? Iban,
    PaymentFieldChange? CreditorNumber,
    string? PersonalRecipient = null,
    Guid? RunId = null) : AdminNotification, INotificationKind<PaymentDataChanged>
{
    public override string? PersonalRecipient { get; init; } = PersonalRecipient;

    public static string TopicCode => "payment_data_changed";
    public static NotificationLabel Label => new("Payment data changed", "Zahlungsdaten geändert");

    public override string IdempotencyKey => $"payment-data-changed:{ChangeId}:{UserId}:{(PersonalRecipient is null ? "admins" : PersonalRecipient.ToUpperInvariant())}";

    public override NotificationArguments Arguments
    {
        get
        {
            var arguments = new NotificationArguments().With("change", ChangeId).With("user", UserId).With("person", Person)
                .With("actor", ActorKind).With("actorName", ActorName);
            Add(arguments, "iban", Iban);
            Add(arguments, "creditorNumber", CreditorNumber);
            if (PersonalRecipient is not null)
            {
                arguments.With("to", PersonalRecipient);
            }

            return RunId is { } run ? arguments.With("run", run) : arguments;
        }
    }

    /// <summary>The person's copy leads to Rollcall's start page (a member has no company pages); the admins' to the user.</summary>
    public override string Link => PersonalRecipient is null ? $"users/{UserId}" : "/";

    public override Guid? CausingRunId => RunId;

    public static PaymentDataChanged From(NotificationArguments a) => new(
        a.Id("change"), a.Id("user"), a.Text("person"), a.Text("actor"), a.Text("actorName"), Field(a, "iban"), Field(a, "creditorNumber"),
        a.TextOrNull("to"), a.TextOrNull("run") is { } run ? Guid.Parse(run, System.Globalization.CultureInfo.InvariantCulture) : null);

    private static void Add(NotificationArguments arguments, string name, PaymentFieldChange? change)
    {
        if (change is not null)
        {
            arguments.With(name + ".before", change.Before ?? "").With(name + ".after", change.After ?? "");
        }
    }

    private static PaymentFieldChange? Field(NotificationArguments a, string name) => a.TextOrNull(name + ".before") is { } before
        ? new PaymentFieldChange(before.Length == 0 ? null : before, a.Text(name + ".after") is { Length: > 0 } after ? after : null)
        : null;

    private string Values(string iban, string creditorNumber, string none) => string.Join("; ", new[]
    {
        Iban is null ? null : $"{iban}: {Iban.Before ?? none} → {Iban.After ?? none}",
        CreditorNumber is null ? null : $"{creditorNumber}: {CreditorNumber.Before ?? none} → {CreditorNumber.After ?? none}",
    }.Where(v => v is not null));

    /// <summary>The subject is a format string (<c>{0}</c>: the company).</summary>
    private static string Escaped(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    private string ActorDe => ActorKind switch
    {
        "sync" => $"einen Abgleich mit Personio ({ActorName})",
        "admin" => $"einen Administrator ({ActorName})",
        _ => $"Rollcall ({ActorName})",
    };

    private string ActorEn => ActorKind switch
    {
        "sync" => $"a sync with Personio ({ActorName})",
        "admin" => $"an administrator ({ActorName})",
        _ => $"Rollcall ({ActorName})",
    };

    protected override NotificationText German => PersonalRecipient is null
        ? new("Zahlungsdaten von " + Escaped(Person) + " geändert ({0})",
            $"Die Zahlungsdaten von {Person} wurden geändert durch {ActorDe}. {Values("IBAN", "Kreditorennummer", "keine")}.",
            "Benutzer ansehen")
        : new("Ihre Zahlungsdaten wurden geändert ({0})",
            $"Ihre Zahlungsdaten wurden geändert durch {ActorDe}. {Values("IBAN", "Kreditorennummer", "keine")}. Wenn Sie diese Änderung nicht erwartet haben, wenden Sie sich bitte sofort an Ihre Administration.",
            "Rollcall öffnen");

    protected override NotificationText English => PersonalRecipient is null
        ? new("Payment data of " + Escaped(Person) + " changed ({0})",
            $"The payment data of {Person} was changed by {ActorEn}. {Values("IBAN", "Creditor number", "none")}.",
            "See the user")
        : new("Your payment data was changed ({0})",
            $"Your payment data was changed by {ActorEn}. {Values("IBAN", "Creditor number", "none")}. If you did not expect this change, please tell your administrator at once.",
            "Open Rollcall");
}

/// <summary>One payment field's change, both sides masked; null: no value.</summary>
internal sealed record PaymentFieldChange(string? Before, string? After);
