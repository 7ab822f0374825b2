using Rollcall.Data.Directory;

namespace Rollcall.PaymentData;

internal static class PaymentDataSetup
{
    public static IHostApplicationBuilder AddPaymentData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PaymentFingerprintKey>();
        builder.Services.AddSingleton<PaymentDataSeal>();
        builder.Services.AddSingleton<IPaymentDataReader>(services => services.GetRequiredService<PaymentDataSeal>());
        builder.Services.AddScoped<PaymentChangeNotices>();
        builder.Services.AddHostedService<PaymentDataSealing>(); // after the database's migrator: registered after it
        builder.Services.AddOptions<PaymentDataOptions>().BindConfiguration(PaymentDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<PaymentDataRetention>();
        builder.Services.AddHostedService<PaymentDataRetentionLoop>();
        return builder;
    }
}
