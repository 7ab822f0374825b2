using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// The in-process test server has no network peer: with <see cref="Install"/>, a request's remote address is the one its
/// <see cref="Header"/> names, set before any of Rollcall's middleware runs (as a real connection's would be).
/// </summary>
public static class RemoteAddress
{
    public const string Header = "X-Test-Remote-Address";

    public static void Install(IServiceCollection services) => services.AddSingleton<IStartupFilter, Filter>();

    public static HttpRequestMessage From(this HttpRequestMessage request, string address)
    {
        request.Headers.Add(Header, address);
        return request;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.Remove(Header, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return following(context);
            });
            next(app);
        };
    }
}
