using Rollcall.Personio;
using Rollcall.Telemetry;

namespace Rollcall.Tests.Telemetry;

/// <summary>What a URL becomes in a metric label or a span: a template, never an id, a cursor or a query.</summary>
public sealed class LabelTests
{
    [Theory]
    [InlineData("/v1/auth", "/v1/auth")]
    [InlineData("/v1/company/employees?limit=100&offset=200&attributes[]=dynamic_1", "/v1/company/employees")]
    [InlineData("/v1/company/employees/4711", "/v1/company/employees/{id}")]
    [InlineData("/v1/company/employees/attributes", "/v1/company/employees/attributes")]
    [InlineData("/v2/persons?limit=50&cursor=cur_abc", "/v2/persons")]
    [InlineData("/v2/persons/4711", "/v2/persons/{id}")]
    [InlineData("/v2/persons/4711/employments?limit=1", "/v2/persons/{id}/employments")]
    [InlineData("/v2/persons/4711/employments/99", "other")]
    [InlineData("/v2/org-units/dep-7?type=department", "/v2/org-units/{id}")]
    [InlineData("/v2/legal-entities/7701", "/v2/legal-entities/{id}")]
    [InlineData("/v3/anything/new", "other")]
    public void PersonioEndpoint_IsARouteTemplate(string pathAndQuery, string endpoint) =>
        Assert.Equal(endpoint, PersonioEndpoint.Of(new Uri(new Uri("https://api.personio.de"), pathAndQuery)));

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/v1/company/employees/4711", "/v1/company/employees/{id}")]
    [InlineData("/v2/org-units/dep-7", "/v2/org-units/{id}")]
    [InlineData("/invitation/Abc_def-ghiJKLmnop", "/invitation/{id}")]
    [InlineData("/mail/someone@example.com", "/mail/{id}")]
    [InlineData("/iban/DE89370400440532013000", "/iban/{id}")]
    [InlineData("/v2/cost-centers", "/v2/cost-centers")]
    public void UrlTemplate_KeepsOnlyWordsAndVersions(string path, string template) => Assert.Equal(template, UrlTemplate.Of(path));
}
