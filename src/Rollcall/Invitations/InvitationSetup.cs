using Rollcall.Mail;

namespace Rollcall.Invitations;

internal static class InvitationSetup
{
    /// <summary>Invitation links, queueing with the company's rails, what the dispatcher asks, resend and accept.</summary>
    public static IHostApplicationBuilder AddInvitations(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<InvitationLinks>();
        services.AddScoped<InvitationQueue>();
        services.AddScoped<IInvitationLetters, InvitationLetters>();
        services.AddScoped<InvitationActions>();
        return builder;
    }
}
