using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Rollcall.PersonioSandbox.Control;

/// <summary>
/// Guards the control API: open on loopback (and in-process test hosts, which have no remote address),
/// otherwise only with the configured key.
/// </summary>
internal sealed class ControlKeyFilter(IOptions<ControlOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var o = options.Value;
        var http = context.HttpContext;
        var remote = http.Connection.RemoteIpAddress;
        var local = remote is null || System.Net.IPAddress.IsLoopback(remote);
        if (local && !o.RequireKeyOnLoopback)
        {
            return await next(context);
        }

        if (string.IsNullOrEmpty(o.ApiKey))
        {
            return TypedResults.Problem("The control API is only reachable from loopback unless Sandbox:Control:ApiKey is set.", statusCode: 403);
        }

        var given = http.Request.Headers[o.HeaderName].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(o.ApiKey))
            ? await next(context)
            : TypedResults.Problem($"Missing or wrong {o.HeaderName} header.", statusCode: 401);
    }
}
