namespace Rollcall.Pages.Localization;

/// <summary>The English words for the configuration audit's kinds and actors (keys to translate).</summary>
internal static class ConfigLabels
{
    public static string Kind(string kind) => kind switch
    {
        "credentials" => "Credentials",
        "mapping" => "Attribute mapping",
        "settings" => "Schedule, guards and policy",
        "import_rules" => "Import rules",
        "webhook_token" => "Webhook token",
        "company" => "Company settings",
        "mail_rails" => "Mail rails",
        "api_key" => "API keys",
        "approval" => "Approvals",
        "run" => "Undone runs",
        "two_factor" => "Two-factor authentication",
        _ => kind,
    };

    public static string Actor(string kind) => kind switch
    {
        "admin" => "admin",
        "api_key" => "API key",
        "cli" => "command line",
        _ => "Rollcall",
    };
}
