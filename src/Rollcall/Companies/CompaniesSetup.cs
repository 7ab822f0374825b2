namespace Rollcall.Companies;

internal static class CompaniesSetup
{
    /// <summary>Creating a company and its first admin (the <c>create-company</c> verb, the demo).</summary>
    public static IHostApplicationBuilder AddCompanies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CompanySetup>();
        return builder;
    }
}
