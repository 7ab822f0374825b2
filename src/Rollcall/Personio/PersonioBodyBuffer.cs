namespace Rollcall.Personio;

/// <summary>
/// Reads the whole response body inside each attempt, so the attempt and total timeouts cover the body as well as
/// the headers: a Personio answer whose body stalls half-way is cancelled and retried like any other timeout
/// instead of holding the run (and its company's lease) for as long as the connection stays open.
/// </summary>
internal sealed class PersonioBodyBuffer : DelegatingHandler
{
    /// <summary>Far above a 100-employee v1 page with every attribute (a few hundred KiB); a larger body is refused.</summary>
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxBodyBytes, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
