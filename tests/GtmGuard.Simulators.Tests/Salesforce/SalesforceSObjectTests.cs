using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceSObjectTests : IAsyncLifetime
{
    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SalesforceTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Http => _host.Http;

    [Fact]
    public async Task Create_Returns201WithIdSuccessAndNoErrors()
    {
        using var response = await Http.PostAsJsonAsync($"{SalesforceTestHost.Data}/sobjects/Contact", new { LastName = "Lovelace", Email = "ada@example.com" });
        var contentType = response.Content.Headers.NonValidated["Content-Type"].ToString();
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json;charset=UTF-8", contentType);
        Assert.StartsWith("003", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(18, body["id"]!.GetValue<string>().Length);
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.Empty(body["errors"]!.AsArray());
    }

    [Fact]
    public async Task Read_WithFieldsParameter_ReturnsRequestedFieldsAttributesAndId()
    {
        var id = await _host.CreateAsync("Contact", new { FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com" });

        var record = await Http.GetFromJsonAsync<JsonObject>($"{SalesforceTestHost.Data}/sobjects/Contact/{id}?fields=Email,Name,CreatedDate");

        Assert.Equal("Contact", record!["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal($"{SalesforceTestHost.Data}/sobjects/Contact/{id}", record["attributes"]!["url"]!.GetValue<string>());
        Assert.Equal(id, record["Id"]!.GetValue<string>());
        Assert.Equal("Ada Lovelace", record["Name"]!.GetValue<string>());
        Assert.Equal("2026-11-27T09:00:00.000+0000", record["CreatedDate"]!.GetValue<string>());
        Assert.False(record.ContainsKey("LastName"));
    }
}
