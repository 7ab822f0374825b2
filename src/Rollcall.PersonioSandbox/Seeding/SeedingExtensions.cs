using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Rollcall.PersonioSandbox.Seeding;

internal static class SeedingExtensions
{
    /// <summary>
    /// Seeds the default company before the first request and, once listening, prints where to reach it and
    /// its credential. This console line is the one place a secret is shown: it is how an admin gets it.
    /// </summary>
    public static WebApplication SeedDefaultCompany(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SeedingOptions>>().Value;
        if (!options.SeedOnStart)
        {
            return app;
        }

        var (company, credential) = app.Services.GetRequiredService<CompanyFactory>().Create(options.CompanyName, options.Seed, options.Size, legalEntities: options.LegalEntities);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.Out.WriteLine($"""
                Personio sandbox listening on {string.Join(", ", addresses)}
                  company     {company.Id} "{company.Name}" with {company.People.Length} employees (seed {options.Seed})
                  client_id   {credential.ClientId}
                  secret      {credential.Secret}
                """);
        });
        return app;
    }
}
