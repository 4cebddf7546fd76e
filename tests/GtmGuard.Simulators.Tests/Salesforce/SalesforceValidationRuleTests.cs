using System.Net;
using System.Text;
using GtmGuard.Simulators.Salesforce;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceValidationRuleTests : IAsyncLifetime
{
    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SalesforceTestHost.StartAsync(o => o.ValidationRules =
    [
        new SalesforceValidationRule { Object = "Lead", Field = "Email", Operator = SalesforceRuleOperator.EndsWith, Value = "@competitor.com", Message = "No competitor leads" },
    ]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ConfiguredRule_WhenConditionHolds_Returns400FieldCustomValidationException()
    {
        using var response = await _host.PostJsonAsync($"{SalesforceTestHost.Data}/sobjects/Lead", new { LastName = "Spy", Company = "Rival", Email = "spy@Competitor.com" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[{\"message\":\"No competitor leads\",\"errorCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",\"fields\":[]}]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConfiguredRule_WhenConditionDoesNotHold_LetsTheSaveThrough()
    {
        using var response = await _host.PostJsonAsync($"{SalesforceTestHost.Data}/sobjects/Lead", new { LastName = "Friend", Company = "Pal", Email = "friend@example.com" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ControlPut_ReplacesTheRulesAtRunTime()
    {
        const string rules = """[{"object":"Contact","field":"Title","operator":"Contains","value":"intern","message":"No interns","showOnField":true}]""";

        using var put = await _host.Anonymous.PutAsync("/__gtmguard/validation-rules", new StringContent(rules, Encoding.UTF8, "application/json"));
        using var list = await _host.Anonymous.GetAsync("/__gtmguard/validation-rules");
        using var contact = await _host.PostJsonAsync($"{SalesforceTestHost.Data}/sobjects/Contact", new { LastName = "X", Title = "Summer Intern" });
        using var lead = await _host.PostJsonAsync($"{SalesforceTestHost.Data}/sobjects/Lead", new { LastName = "Spy", Company = "Rival", Email = "spy@competitor.com" });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Contains", (await list.JsonAsync())["rules"]![0]!["operator"]!.GetValue<string>());
        Assert.Equal("FIELD_CUSTOM_VALIDATION_EXCEPTION", await contact.ErrorCodeAsync());
        Assert.Equal("Title", (await contact.JsonAsync())[0]!["fields"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
    }

    [Fact]
    public async Task ControlPut_WithUnknownField_Returns400AndKeepsTheOldRules()
    {
        const string rules = """{"rules":[{"object":"Lead","field":"Nope__c","operator":"Blank","message":"x"}]}""";

        using var put = await _host.Anonymous.PutAsync("/__gtmguard/validation-rules", new StringContent(rules, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Single(_host.Simulator.Rules.Current);
    }

    [Fact]
    public async Task ChaosValidationFault_IsAFieldCustomValidationException()
    {
        _host.Simulator.Chaos.Apply(new Simulators.Chaos.ChaosPlan("t", 1, [new Simulators.Chaos.ChaosRule("sobjects.create", Simulators.Chaos.ChaosFault.Validation, 1.0, null, null, TimeSpan.Zero, "Injected")], []));

        using var response = await _host.PostJsonAsync($"{SalesforceTestHost.Data}/sobjects/Contact", new { LastName = "X" });

        Assert.Equal("FIELD_CUSTOM_VALIDATION_EXCEPTION", await response.ErrorCodeAsync());
        Assert.Equal("Injected", await response.ErrorMessageAsync());
    }
}
