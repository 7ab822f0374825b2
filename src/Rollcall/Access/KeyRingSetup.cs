using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Rollcall.Data;

namespace Rollcall.Access;

internal static class KeyRingSetup
{
    /// <summary>
    /// ASP.NET Core Data Protection under the application name <c>Rollcall</c> (every node must use the same), its key
    /// ring in the database or a shared folder, encrypted at rest with a certificate when one is configured.
    /// </summary>
    public static IHostApplicationBuilder AddRollcallKeyRing(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingValidation>();

        // Data Protection takes its certificates while it is being set up, so they are read here; what is wrong with
        // them stops the start through the options validation above, before anything is protected.
        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var protection = KeyRingProtection.Load(options);
        services.AddSingleton(protection);

        var dataProtection = services.AddDataProtection().SetApplicationName("Rollcall");
        if (string.IsNullOrWhiteSpace(options.KeysFolder))
        {
            dataProtection.PersistKeysToDbContext<RollcallDbContext>();
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(options.KeysFolder)));
        }

        if (protection.Certificate is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        if (protection.Previous.Count > 0)
        {
            dataProtection.UnprotectKeysWithAnyCertificate([.. protection.Previous]);
        }

        return builder;
    }
}

/// <summary>Stops the start on a certificate that cannot protect the key ring, or on no certificate when one is required.</summary>
internal sealed class KeyRingValidation(KeyRingProtection protection) : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        var problems = protection.Problems.ToList();
        if (options.RequireProtection && !protection.Protected && problems.Count == 0)
        {
            problems.Add($"{KeyRingOptions.Section}:RequireProtection is true, but no {KeyRingOptions.Section}:Certificate:Path protects the key ring at rest.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
