using System.Net;
using System.Net.Http.Json;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotAssert;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotTestHost;

namespace GtmGuard.Simulators.Tests.HubSpot;

public sealed class HubSpotSearchTests : IAsyncLifetime
{
    private const string Search = Contacts + "/search";

    private readonly Dictionary<string, string> _ids = [];
    private HubSpotTestHost _host = null!;

    private HttpClient Http => _host.Http;

    /// <summary>Five contacts created a minute apart, so createdate filters have something to cut.</summary>
    public async Task InitializeAsync()
    {
        _host = HubSpotTestHost.Start(o => o.SearchPerSecondLimit = 1000);
        await Seed("ada", new { email = "ada@acme.com", firstname = "Ada", lastname = "Lovelace", lead_score = "90", company = "Acme Analytics" });
        await Seed("bob", new { email = "bob@acme.com", firstname = "Bob", lead_score = "15", phone = "555-0101" });
        await Seed("cy", new { email = "cy@globex.io", firstname = "Cy", lead_score = "50" });
        await Seed("di", new { email = "di@globex.io", lastname = "Prince" });
        await Seed("ed", new { email = "ed@initech.com", firstname = "Ed", lead_score = "100", phone = "555-0199" });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Eq_MatchesTheExactValue()
    {
        var names = await FindAsync(Filter("email", "EQ", "cy@globex.io"));

        Assert.Equal(["cy"], names);
    }

    [Fact]
    public async Task Neq_ExcludesTheValue_AndKeepsRecordsWithoutTheProperty()
    {
        var names = await FindAsync(Filter("firstname", "NEQ", "Bob"));

        Assert.Equal(["ada", "cy", "di", "ed"], names);
    }

    [Fact]
    public async Task In_MatchesAnyOfTheValues()
    {
        var names = await FindAsync(new { propertyName = "email", @operator = "IN", values = new[] { "ada@acme.com", "ed@initech.com", "nobody@x.io" } });

        Assert.Equal(["ada", "ed"], names);
    }

    [Fact]
    public async Task ContainsToken_MatchesAWholeTokenOfTheValue()
    {
        var names = await FindAsync(Filter("company", "CONTAINS_TOKEN", "analytics"));

        Assert.Equal(["ada"], names);
    }

    [Fact]
    public async Task ContainsToken_WithWildcard_MatchesEmailDomains()
    {
        var names = await FindAsync(Filter("email", "CONTAINS_TOKEN", "*@globex.io"));

        Assert.Equal(["cy", "di"], names);
    }

    [Fact]
    public async Task HasProperty_MatchesRecordsWithAValue()
    {
        var names = await FindAsync(new { propertyName = "phone", @operator = "HAS_PROPERTY" });

        Assert.Equal(["bob", "ed"], names);
    }

    [Fact]
    public async Task NotHasProperty_MatchesRecordsWithoutAValue()
    {
        var names = await FindAsync(new { propertyName = "lead_score", @operator = "NOT_HAS_PROPERTY" });

        Assert.Equal(["di"], names);
    }

    [Fact]
    public async Task GtAndLt_CompareNumbersNumerically()
    {
        var names = await FindAsync(Filter("lead_score", "GT", "20"), Filter("lead_score", "LT", "100"));

        Assert.Equal(["ada", "cy"], names);
    }

    [Fact]
    public async Task Gt_OnDates_AcceptsEpochMilliseconds()
    {
        var cutoff = new DateTimeOffset(2026, 11, 27, 9, 2, 30, TimeSpan.Zero).ToUnixTimeMilliseconds();

        var names = await FindAsync(Filter("createdate", "GT", cutoff.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(["di", "ed"], names);
    }

    [Fact]
    public async Task Lt_OnDates_AcceptsIsoTimestamps()
    {
        var names = await FindAsync(Filter("createdate", "LT", "2026-11-27T09:01:30.000Z"));

        Assert.Equal(["ada", "bob"], names);
    }

    [Fact]
    public async Task FilterGroups_AreOredAndFiltersInAGroupAreAnded()
    {
        var body = new
        {
            filterGroups = new[]
            {
                new { filters = new[] { Filter("email", "EQ", "bob@acme.com") } },
                new { filters = new[] { Filter("lead_score", "GTE", "50"), Filter("email", "CONTAINS_TOKEN", "*@globex.io") } },
            },
        };

        var names = await NamesAsync(await Http.PostAsJsonAsync(Search, body));

        Assert.Equal(["bob", "cy"], names);
    }

    [Fact]
    public async Task Sort_Descending_OrdersByTheProperty()
    {
        var body = new
        {
            filterGroups = new[] { new { filters = new[] { new { propertyName = "lead_score", @operator = "HAS_PROPERTY" } } } },
            sorts = new[] { new { propertyName = "lead_score", direction = "DESCENDING" } },
        };

        var names = await NamesAsync(await Http.PostAsJsonAsync(Search, body));

        Assert.Equal(["ed", "ada", "cy", "bob"], names);
    }

    [Fact]
    public async Task Paging_ReturnsTotalAndAnOffsetCursor()
    {
        var first = await JsonObjectAsync(await Http.PostAsJsonAsync(Search, new { limit = 2 }));
        var after = first["paging"]!["next"]!["after"]!.GetValue<string>();
        var second = await JsonObjectAsync(await Http.PostAsJsonAsync(Search, new { limit = 2, after }));

        Assert.Equal(5, first["total"]!.GetValue<int>());
        Assert.Equal("2", after);
        Assert.Equal([_ids["cy"], _ids["di"]], second["results"]!.AsArray().Select(r => Text(r, "id")));
    }

    [Fact]
    public async Task Results_CarryDefaultPropertiesUnlessPropertiesAreNamed()
    {
        var plain = await JsonObjectAsync(await Http.PostAsJsonAsync(Search, new { filterGroups = new[] { new { filters = new[] { Filter("email", "EQ", "ada@acme.com") } } } }));
        var named = await JsonObjectAsync(await Http.PostAsJsonAsync(Search, new { filterGroups = new[] { new { filters = new[] { Filter("email", "EQ", "ada@acme.com") } } }, properties = new[] { "company" } }));

        Assert.Equal("Lovelace", Text(plain["results"]![0]!["properties"], "lastname"));
        Assert.Equal("Acme Analytics", Text(named["results"]![0]!["properties"], "company"));
        Assert.False(named["results"]![0]!["properties"]!.AsObject().ContainsKey("lastname"));
    }

    [Fact]
    public async Task ArchivedContacts_NeverAppear()
    {
        await Http.DeleteAsync($"{Contacts}/{_ids["bob"]}");

        var names = await FindAsync(Filter("email", "CONTAINS_TOKEN", "*@acme.com"));

        Assert.Equal(["ada"], names);
    }

    [Fact]
    public async Task Query_MatchesDefaultSearchableProperties()
    {
        var names = await NamesAsync(await Http.PostAsJsonAsync(Search, new { query = "prince" }));

        Assert.Equal(["di"], names);
    }

    [Fact]
    public async Task SixFilterGroups_Returns400()
    {
        var groups = Enumerable.Range(0, 6).Select(_ => new { filters = new[] { Filter("email", "EQ", "x@y.io") } }).ToArray();

        await AssertValidationErrorAsync(new { filterGroups = groups });
    }

    [Fact]
    public async Task SevenFiltersInOneGroup_Returns400()
    {
        var filters = Enumerable.Range(0, 7).Select(i => Filter("email", "NEQ", $"x{i}@y.io")).ToArray();

        await AssertValidationErrorAsync(new { filterGroups = new[] { new { filters } } });
    }

    [Fact]
    public async Task NineteenFiltersAcrossGroups_Returns400()
    {
        var groups = new[] { 4, 4, 4, 4, 3 }
            .Select(n => new { filters = Enumerable.Range(0, n).Select(i => Filter("email", "NEQ", $"x{i}@y.io")).ToArray() })
            .ToArray();

        await AssertValidationErrorAsync(new { filterGroups = groups });
    }

    [Fact]
    public async Task EighteenFiltersAcrossGroups_IsAllowed()
    {
        var groups = new[] { 4, 4, 4, 3, 3 }
            .Select(n => new { filters = Enumerable.Range(0, n).Select(i => Filter("email", "NEQ", $"x{i}@y.io")).ToArray() })
            .ToArray();

        var response = await Http.PostAsJsonAsync(Search, new { filterGroups = groups });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TwoSorts_Returns400()
    {
        await AssertValidationErrorAsync(new { sorts = new[] { new { propertyName = "email" }, new { propertyName = "firstname" } } });
    }

    [Fact]
    public async Task LimitAbove200_Returns400()
    {
        await AssertValidationErrorAsync(new { limit = 201 });
    }

    [Fact]
    public async Task Limit200_IsAllowed()
    {
        var response = await Http.PostAsJsonAsync(Search, new { limit = 200 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PagingPast10000Results_Returns400()
    {
        await AssertValidationErrorAsync(new { limit = 10, after = "9995" });
    }

    [Fact]
    public async Task BodyOver3000Characters_Returns400()
    {
        await AssertValidationErrorAsync(new { query = new string('a', 3100) });
    }

    [Fact]
    public async Task UnknownOperator_Returns400()
    {
        await AssertValidationErrorAsync(new { filterGroups = new[] { new { filters = new[] { Filter("email", "LIKE", "a%") } } } });
    }

    [Fact]
    public async Task OperatorWithoutValue_Returns400()
    {
        await AssertValidationErrorAsync(new { filterGroups = new[] { new { filters = new[] { new { propertyName = "email", @operator = "EQ" } } } } });
    }

    private async Task Seed(string name, object properties)
    {
        var created = await _host.CreateContactAsync(properties);
        _ids[name] = created["id"]!.GetValue<string>();
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
    }

    private static object Filter(string propertyName, string op, string value) => new { propertyName, @operator = op, value };

    private async Task<string[]> FindAsync(params object[] filters) =>
        await NamesAsync(await Http.PostAsJsonAsync(Search, new { filterGroups = new[] { new { filters } }, limit = 100 }));

    private async Task<string[]> NamesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonObjectAsync(response);
        var byId = _ids.ToDictionary(p => p.Value, p => p.Key);
        return body["results"]!.AsArray().Select(r => byId[Text(r, "id")!]).ToArray();
    }

    private async Task AssertValidationErrorAsync(object body)
    {
        var response = await Http.PostAsJsonAsync(Search, body);

        await ErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }
}
