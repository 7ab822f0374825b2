namespace Rollcall.PersonioSandbox.Tests.Faults;

/// <summary>stall_body on a real Kestrel socket: headers and a partial body arrive, then nothing.</summary>
public sealed class StallBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendsHeadersAndFirstBytesThenGoesSilent()
    {
        await using var app = StartOnKestrel();
        var company = await app.CreateCompanyAsync(30);
        var token = await company.V1TokenAsync();
        await app.ArmFaultAsync(new { kind = "stall_body", bytes = 10 });

        using var response = await SendAsync(app, token);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        var partial = await ReadExactlyAsync(body, 10);
        using var shortWait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        shortWait.CancelAfter(TimeSpan.FromMilliseconds(500));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.GetValues("Authorization").Single().Split(' ')[0]);
        Assert.Equal("{\"success\"", partial);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await body.ReadAtLeastAsync(new byte[16], 1, throwOnEndOfStream: false, shortWait.Token));
    }

    [Fact]
    public async Task AfterDelay_AbortsTheConnection()
    {
        await using var app = StartOnKestrel();
        var company = await app.CreateCompanyAsync(30);
        var token = await company.V2TokenAsync();
        await app.ArmFaultAsync(new { kind = "stall_body", path = "/v2/persons", bytes = 5, delay_ms = 30_000 });

        using var response = await SendAsync(app, token, "/v2/persons");
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        var partial = await ReadExactlyAsync(body, 5);
        var rest = body.ReadAtLeastAsync(new byte[16], 1, throwOnEndOfStream: false, Ct).AsTask();
        for (var i = 0; i < 100 && !rest.IsCompleted; i++)
        {
            // The server starts its silence on the fake clock a moment after flushing; keep moving the clock until it ends.
            app.Time.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(rest, Task.Delay(50, Ct));
        }

        Assert.Equal("{\"_da", partial);
        await Assert.ThrowsAnyAsync<IOException>(() => rest);
        Assert.Equal(HttpStatusCode.OK, (await company.GetAsync(token, "/v2/persons")).StatusCode);
    }

    private static SandboxApp StartOnKestrel()
    {
        var app = new SandboxApp();
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    private static async Task<HttpResponseMessage> SendAsync(SandboxApp app, string token, string url = "/v1/company/employees")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        return await app.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }

    private static async Task<string> ReadExactlyAsync(Stream body, int count)
    {
        var buffer = new byte[count];
        await body.ReadExactlyAsync(buffer, Ct);
        return System.Text.Encoding.UTF8.GetString(buffer);
    }
}
