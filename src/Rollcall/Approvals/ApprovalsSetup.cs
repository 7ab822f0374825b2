namespace Rollcall.Approvals;

internal static class ApprovalsSetup
{
    public static IHostApplicationBuilder AddApprovals(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApprovalInbox>();
        return builder;
    }
}
