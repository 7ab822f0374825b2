namespace Rollcall.PaymentData;

internal static class PaymentDataSetup
{
    public static IHostApplicationBuilder AddPaymentData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PaymentDataSeal>();
        return builder;
    }
}
