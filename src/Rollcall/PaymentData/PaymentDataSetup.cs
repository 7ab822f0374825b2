using Rollcall.Data.Directory;

namespace Rollcall.PaymentData;

internal static class PaymentDataSetup
{
    /// <summary>The seal (IBAN, personnel and creditor number at rest) and the change notices: what a save of a user needs.</summary>
    public static IHostApplicationBuilder AddPaymentDataSeal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PaymentFingerprintKey>();
        builder.Services.AddSingleton<PaymentDataSeal>();
        builder.Services.AddSingleton<IPaymentDataReader>(services => services.GetRequiredService<PaymentDataSeal>());
        builder.Services.AddScoped<PaymentChangeNotices>();
        builder.Services.AddOptions<PaymentDataOptions>().BindConfiguration(PaymentDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    /// <summary>The seal, clear values sealed in place on start, and retention (a loop on every node).</summary>
    public static IHostApplicationBuilder AddPaymentData(this IHostApplicationBuilder builder)
    {
        builder.AddPaymentDataSeal();
        builder.Services.AddHostedService<PaymentDataSealing>(); // after the database's migrator: registered after it
        builder.Services.AddScoped<PaymentDataRetention>();
        builder.Services.AddHostedService<PaymentDataRetentionLoop>();
        return builder;
    }
}
