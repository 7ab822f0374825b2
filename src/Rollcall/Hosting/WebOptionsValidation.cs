using System.Net;
using Microsoft.Extensions.Options;
using Rollcall.Telemetry;

namespace Rollcall.Hosting;

/// <summary>Every malformed proxy address or network at once, each naming the setting and the value.</summary>
internal sealed class WebOptionsValidation : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var failures = options.TrustedProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"Web:TrustedProxies: '{p}' is not an IP address (such as 10.0.0.5).")
            .Concat(options.TrustedNetworks.Where(n => !Cidr.TryParse(n, out _))
                .Select(n => $"Web:TrustedNetworks: '{n}' is not a network in CIDR notation (such as 10.0.0.0/8, with no bits set after the prefix)."))
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
