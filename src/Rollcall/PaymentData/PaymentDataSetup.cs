using Rollcall.Data.Directory;

namespace Rollcall.PaymentData;

internal static class PaymentDataSetup
{
    public static IHostApplicationBuilder AddPaymentData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PaymentDataSeal>();
        builder.Services.AddSingleton<IPaymentDataReader>(services => services.GetRequiredService<PaymentDataSeal>());
        builder.Services.AddScoped<PaymentChangeNotices>();
        return builder;
    }
}
