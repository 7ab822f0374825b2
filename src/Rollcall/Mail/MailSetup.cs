using Microsoft.Extensions.Options;

namespace Rollcall.Mail;

internal static class MailSetup
{
    /// <summary>The outbox: messages queued in the transaction of their cause. Sending them is <see cref="AddMail"/>'s.</summary>
    public static IHostApplicationBuilder AddMailQueue(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Every notification kind is found and checked now, on start, not at the first notification a run sends.
        _ = Notifications.AdminNotifications.Topics;
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsProblems>();
        services.AddScoped<MailQueue>();
        return builder;
    }

    /// <summary>The outbox, the dispatcher's per-node loop and the delivery the configuration chooses (folder or SMTP).</summary>
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        builder.AddMailQueue();
        var services = builder.Services;
        services.AddScoped<MailComposer>();
        services.AddScoped<MailDispatcher>();
        services.AddSingleton<MailMetrics>();
        services.AddScoped<MailOutbox>();
        services.AddSingleton<FolderMailDelivery>();
        services.AddSingleton<SmtpMailDelivery>();
        services.AddSingleton<IMailDelivery>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Delivery == MailDeliveryKind.Smtp
            ? sp.GetRequiredService<SmtpMailDelivery>()
            : sp.GetRequiredService<FolderMailDelivery>());

        // Request start/finish lines name the path, and an invitation link's path is its token: they are kept out of the logs.
        services.PostConfigure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning, null)));

        services.AddHostedService<MailDispatchLoop>();

        // A stopping node finishes the message in hand: give it the time one send may take.
        services.AddOptions<HostOptions>().Configure<IOptions<MailOptions>>((host, mail) =>
            host.ShutdownTimeout = TimeSpan.FromTicks(Math.Max(host.ShutdownTimeout.Ticks, (mail.Value.SendBudget + TimeSpan.FromSeconds(5)).Ticks)));
        return builder;
    }

    /// <summary>Every problem of the mail options at once, each a line naming the setting.</summary>
    private sealed class MailOptionsProblems : IValidateOptions<MailOptions>
    {
        public ValidateOptionsResult Validate(string? name, MailOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
