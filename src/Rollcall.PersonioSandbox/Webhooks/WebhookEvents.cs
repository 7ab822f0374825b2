namespace Rollcall.PersonioSandbox.Webhooks;

/// <summary>The events the sandbox emits, as documented for person and employment webhooks.</summary>
internal static class WebhookEvents
{
    public const string PersonCreated = "person.created";
    public const string PersonUpdated = "person.updated";
    public const string PersonDeleted = "person.deleted";
    public const string EmploymentCreated = "employment.created";
    public const string EmploymentUpdated = "employment.updated";
    public const string EmploymentDeleted = "employment.deleted";
    public const string EmploymentStarted = "employment.started";
    public const string EmploymentTerminated = "employment.terminated";

    public static readonly HashSet<string> All =
    [
        PersonCreated, PersonUpdated, PersonDeleted,
        EmploymentCreated, EmploymentUpdated, EmploymentDeleted, EmploymentStarted, EmploymentTerminated,
    ];

    /// <summary>person.updated fires only for these fields (and any custom attribute).</summary>
    public static readonly HashSet<string> PersonUpdateFields =
        ["first_name", "last_name", "gender", "language_code", "email", "preferred_name"];
}
