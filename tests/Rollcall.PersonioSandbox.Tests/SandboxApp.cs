using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Rollcall.PersonioSandbox.Tests;

/// <summary>
/// The sandbox hosted in-process with a fake clock. Each test creates its own app (and usually its own
/// company through the control API), so no test sees another test's data.
/// </summary>
public sealed class SandboxApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Sandbox:Seeding:SeedOnStart"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Sandbox:RateLimits:Enabled"] = "false",
    };

    private readonly List<Action<IServiceCollection>> _services = [];

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Overrides a configuration key; call before the first request.</summary>
    public SandboxApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public SandboxApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    /// <param name="legalEntities">How many legal entities to seed (1–4); null: the default, 4.</param>
    /// <param name="legalEntitiesFeature">False: an account without the legal-entities feature (v2 answers 412).</param>
    public async Task<Company> CreateCompanyAsync(int size, int seed = 1, int? legalEntities = null, bool? legalEntitiesFeature = null)
    {
        var response = await CreateClient().PostAsJsonAsync("/_sandbox/companies",
            new { size, seed, legal_entities = legalEntities, legal_entities_feature = legalEntitiesFeature }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.ReadJsonAsync();
        return new Company(this, json.Str("company_id"), json.Str("client_id"), json.Str("client_secret"));
    }

    /// <summary>Any control call (path below <c>/_sandbox</c>), with its status left to the caller.</summary>
    public async Task<HttpResponseMessage> SendControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, "/_sandbox" + path) { Content = body is null ? null : JsonContent.Create(body) };
        return await CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }
}

/// <summary>A company created for one test, with its full-access credential.</summary>
public sealed record Company(SandboxApp App, string Id, string ClientId, string Secret)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates an extra credential; <paramref name="attributes"/> null means every attribute readable.</summary>
    public async Task<(string ClientId, string Secret)> CreateCredentialAsync(string[]? attributes = null, string[]? scopes = null, int[]? legalEntities = null)
    {
        var response = await App.CreateClient().PostAsJsonAsync($"/_sandbox/companies/{Id}/credentials",
            new { readable_attributes = attributes, scopes, legal_entity_ids = legalEntities }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.ReadJsonAsync();
        return (json.Str("client_id"), json.Str("client_secret"));
    }

    public Task<string> V1TokenAsync() => V1TokenAsync(ClientId, Secret);

    public async Task<string> V1TokenAsync(string clientId, string secret)
    {
        var response = await App.CreateClient().PostAsJsonAsync("/v1/auth", new { client_id = clientId, client_secret = secret }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("data").Str("token");
    }

    public Task<string> V2TokenAsync(string? scope = null) => V2TokenAsync(ClientId, Secret, scope);

    public async Task<string> V2TokenAsync(string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        var response = await App.CreateClient().PostAsync("/v2/auth/token", new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).Str("access_token");
    }

    public async Task<HttpResponseMessage> GetAsync(string token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        return await App.CreateClient().SendAsync(request, Ct);
    }

    public async Task<JsonElement> GetJsonAsync(string token, string url)
    {
        var response = await GetAsync(token, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public async Task<JsonElement> ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, $"/_sandbox/companies/{Id}{path}") { Content = body is null ? null : JsonContent.Create(body) };
        var response = await App.CreateClient().SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return response.StatusCode == HttpStatusCode.NoContent ? default : await response.ReadJsonAsync();
    }
}
