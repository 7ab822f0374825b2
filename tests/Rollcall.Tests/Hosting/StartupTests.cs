using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Hosting;

public sealed partial class StartupTests
{
    [Fact]
    public async Task Start_PlainSmtpToAnotherHost_RefusedBecauseMailTravelsOverTls()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-start-").FullName;
        try
        {
            var result = await RollcallProcess.RunAsync(folder, "--Mail:Delivery=Smtp", "--Mail:Smtp:Host=smtp.example.com", "--Mail:Smtp:Security=None",
                "--Mail:Smtp:User=rollcall", "--Mail:Smtp:Password=s3cret-smtp-password");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("Mail:Smtp:Security=None is accepted only for a loopback host", result.Error);
            Assert.DoesNotContain("s3cret-smtp-password", result.Error + result.Output);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--Database:Provider=Oracle", "Database:Provider")]
    [InlineData("--Database:Provider=Postgres", "Database:ConnectionString")]
    [InlineData("--Access:MaxFailedLogins=0", "MaxFailedLogins")]
    [InlineData("--Database:SqliteBusyTimeout=forever", "Database:SqliteBusyTimeout")]
    [InlineData("--Personio:BaseUrl=http://personio.internal.example", "Personio:BaseUrl")]
    [InlineData("--Personio:AppId=my app", "AppId")]
    [InlineData("--Mail:Delivery=Smtp", "Mail:Smtp:Host")]
    [InlineData("--Mail:PublicBaseUrl=http://rollcall.example.com", "Mail:PublicBaseUrl")]
    [InlineData("--Mail:From=not an address", "Mail:From")]
    [InlineData("--Mail:MaxAttempts=0", "MaxAttempts")]
    [InlineData("--Mail:Smtp:MessagesPerConnection=0", "Mail:Smtp: The field MessagesPerConnection")]
    [InlineData("--Web:TrustedNetworks:0=10.0.0.0/33", "Web:TrustedNetworks: '10.0.0.0/33'")]
    [InlineData("--Web:TrustedProxies:0=proxy.internal", "Web:TrustedProxies: 'proxy.internal'")]
    [InlineData("--Telemetry:Otlp:Endpoint=collector:4318", "Telemetry:Otlp:Endpoint")]
    [InlineData("--Telemetry:MetricsNetworks:0=10.0.0.1/8", "Telemetry:MetricsNetworks")]
    [InlineData("--Sync:DeltaInterval=00:01:00", "DeltaInterval")]
    [InlineData("--Webhooks:MaxPersonsPerRun=0", "MaxPersonsPerRun")]
    public async Task Start_BadConfigurationValue_StopsWithOneClearLine(string setting, string named)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-start-").FullName;
        try
        {
            var result = await RollcallProcess.RunAsync(folder, setting);

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Rollcall cannot start:", line);
            Assert.Contains(named, line);
            Assert.False(System.IO.Directory.Exists(Path.Combine(folder, "data")), "Nothing may be created before the configuration is valid");
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Health_DatabaseReachable_200Healthy()
    {
        await using var app = RollcallApp.Start();

        // /health is readiness: the scheduler starts in the background just after the host, so it may take a moment.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage response;
        while ((response = await app.CreateClient().GetAsync("/health")).StatusCode != HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesEveryApiEndpointWithAnOperationId()
    {
        await using var app = RollcallApp.Start();
        var endpoints = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => (Path: RouteConstraint().Replace(e.RoutePattern.RawText!, "{$1}").TrimEnd('/'), Method: m.ToLowerInvariant())))
            .ToList();

        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>());
        Assert.True(endpoints.Count >= 25, $"only {endpoints.Count} API endpoints found");
        var paths = document["paths"]!.AsObject();
        Assert.All(endpoints, e =>
        {
            var operation = paths[e.Path]?[e.Method];
            Assert.True(operation is not null, $"{e.Method.ToUpperInvariant()} {e.Path} is missing from the OpenAPI document");
            Assert.False(string.IsNullOrEmpty(operation!["operationId"]?.GetValue<string>()), $"{e.Method} {e.Path} has no operationId");
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\w+)(:[^}]+)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteConstraint();

    [Fact]
    public async Task OpenApi_Document_ListsTheCompanyEndpoints()
    {
        await using var app = RollcallApp.Start();

        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/companies/{companyId}/users", paths);
        Assert.Contains("/api/companies/{companyId}/users/{userId}/audit", paths);
        Assert.Contains("/api/companies/{companyId}/api-keys", paths);
    }
}
