using Microsoft.AspNetCore.Http.Features;

namespace Rollcall.PersonioSandbox.Faults;

/// <summary>stall_body: the real response cut off after its first bytes, then silence, then an aborted connection.</summary>
internal static class StalledBody
{
    public static async Task RunAsync(HttpContext http, RequestDelegate next, Fault fault, TimeProvider time)
    {
        using var body = new MemoryStream();
        var server = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var buffered = new StreamResponseBodyFeature(body);
        http.Features.Set<IHttpResponseBodyFeature>(buffered);
        try
        {
            await next(http);
            await buffered.CompleteAsync();
        }
        finally
        {
            http.Features.Set(server);
        }

        // Without a length (chunked on HTTP/1.1) the client cannot tell that the body stops short; it waits for the rest.
        http.Response.ContentLength = null;
        var ct = http.RequestAborted;
        await http.Response.StartAsync(ct);
        await http.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)Math.Min(fault.Bytes, body.Length)), ct);
        await http.Response.Body.FlushAsync(ct);
        try
        {
            await Task.Delay(fault.Delay ?? Timeout.InfiniteTimeSpan, time, ct);
        }
        catch (OperationCanceledException)
        {
            // The client gave up first: nothing left to stall.
        }

        http.Abort();
    }
}
