using GtmGuard.Sync.Vendors.Clay;
using GtmGuard.Sync.Vendors.HubSpot;
using GtmGuard.Sync.Vendors.Outreach;
using GtmGuard.Sync.Vendors.Salesforce;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Tests.Vendors;

/// <summary>Misconfiguration stops a real host at start-up with a message naming the setting.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task HubSpotPrivateApp_WithoutATokenReference_NamesBothSettings()
    {
        var error = await StartFailureAsync(new() { ["Sync:Vendors:HubSpot:BaseUrl"] = "https://api.hubapi.com" });

        Assert.Contains(
            "Sync:Vendors:HubSpot:PrivateAppTokenEnv or Sync:Vendors:HubSpot:PrivateAppTokenFile is required when Auth is PrivateApp.",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubSpotOAuth_EnvironmentVariableNotSet_NamesTheSettingAndTheVariable()
    {
        var error = await StartFailureAsync(new()
        {
            ["Sync:Vendors:HubSpot:Auth"] = "OAuth",
            ["Sync:Vendors:HubSpot:ClientId"] = "app",
            ["Sync:Vendors:HubSpot:ClientSecretEnv"] = "GTMGUARD_TEST_SURELY_UNSET_SECRET",
            ["Sync:Vendors:HubSpot:RefreshTokenEnv"] = "GTMGUARD_TEST_SURELY_UNSET_REFRESH",
        });

        Assert.Contains("Sync:Vendors:HubSpot:ClientSecretEnv names the environment variable 'GTMGUARD_TEST_SURELY_UNSET_SECRET', which is not set or empty.", error, StringComparison.Ordinal);
        Assert.Contains("Sync:Vendors:HubSpot:RefreshTokenEnv names the environment variable 'GTMGUARD_TEST_SURELY_UNSET_REFRESH'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SalesforceJwtKeyFile_Unreadable_NamesTheSettingAndThePath()
    {
        var error = await StartFailureAsync(new()
        {
            ["Sync:Vendors:Salesforce:ClientId"] = "consumer",
            ["Sync:Vendors:Salesforce:Username"] = "integration@example.com",
            ["Sync:Vendors:Salesforce:JwtKeyFile"] = "/x.pem",
        });

        Assert.Contains("Sync:Vendors:Salesforce:JwtKeyFile '/x.pem' cannot be read: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Salesforce_MissingClientIdAndOldApiVersion_AreBothReported()
    {
        var error = await StartFailureAsync(new()
        {
            ["Sync:Vendors:Salesforce:Auth"] = "RefreshToken",
            ["Sync:Vendors:Salesforce:RefreshTokenFile"] = "/nonexistent/refresh",
            ["Sync:Vendors:Salesforce:ApiVersion"] = "45.0",
        });

        Assert.Contains("Sync:Vendors:Salesforce:ClientId is required", error, StringComparison.Ordinal);
        Assert.Contains("Sync:Vendors:Salesforce:RefreshTokenFile '/nonexistent/refresh' cannot be read", error, StringComparison.Ordinal);
        Assert.Contains("Sync:Vendors:Salesforce:ApiVersion '45.0' must", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outreach_MissingCredentials_NameEachSetting()
    {
        var error = await StartFailureAsync(new() { ["Sync:Vendors:Outreach:BaseUrl"] = "not a url" });

        Assert.Contains("Sync:Vendors:Outreach:BaseUrl 'not a url' is not an absolute http(s) URL.", error, StringComparison.Ordinal);
        Assert.Contains("Sync:Vendors:Outreach:ClientId is required", error, StringComparison.Ordinal);
        Assert.Contains("Sync:Vendors:Outreach:ClientSecretEnv or Sync:Vendors:Outreach:ClientSecretFile is required", error, StringComparison.Ordinal);
        Assert.Contains("Sync:Vendors:Outreach:RefreshTokenEnv or Sync:Vendors:Outreach:RefreshTokenFile is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clay_NeitherApiKeyNorWebhook_IsRefused()
    {
        var error = await StartFailureAsync(new() { ["Sync:Vendors:Clay:WebhookBatchSize"] = "500" });

        Assert.Contains("Sync:Vendors:Clay:ApiKeyEnv (or ApiKeyFile) or Sync:Vendors:Clay:WebhookUrl is required", error, StringComparison.Ordinal);
        Assert.Contains("Sync:Vendors:Clay:WebhookBatchSize must be between 1 and 100", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptySecretFile_IsRefused()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = await StartFailureAsync(new() { ["Sync:Vendors:HubSpot:PrivateAppTokenFile"] = file });

            Assert.Contains($"Sync:Vendors:HubSpot:PrivateAppTokenFile '{file}' is empty.", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AbsentSections_AreNotValidated_AndTheirClientsNameTheSection()
    {
        using var host = Host(new() { ["Unrelated:Setting"] = "1" });

        await host.StartAsync();
        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<OutreachClient>());
        await host.StopAsync();

        Assert.Equal("Sync:Vendors:Outreach is not configured; add the section to use this vendor.", error.Message);
    }

    [Fact]
    public async Task DisabledVendor_IsNotValidated()
    {
        using var host = Host(new() { ["Sync:Vendors:Salesforce:Enabled"] = "false" });

        await host.StartAsync();
        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<SalesforceClient>());
        await host.StopAsync();

        Assert.Equal("Sync:Vendors:Salesforce:Enabled is false.", error.Message);
    }

    [Fact]
    public async Task CompleteConfiguration_Starts_AndResolvesEveryClient()
    {
        var secret = $"GTMGUARD_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(secret, "value");
        try
        {
            using var host = Host(new()
            {
                ["Sync:Vendors:HubSpot:PrivateAppTokenEnv"] = secret,
                ["Sync:Vendors:Outreach:ClientId"] = "app",
                ["Sync:Vendors:Outreach:ClientSecretEnv"] = secret,
                ["Sync:Vendors:Outreach:RefreshTokenEnv"] = secret,
                ["Sync:Vendors:Clay:ApiKeyEnv"] = secret,
                ["Sync:Vendors:Salesforce:Auth"] = "RefreshToken",
                ["Sync:Vendors:Salesforce:ClientId"] = "consumer",
                ["Sync:Vendors:Salesforce:RefreshTokenEnv"] = secret,
            });

            await host.StartAsync();

            Assert.NotNull(host.Services.GetRequiredService<HubSpotClient>());
            Assert.NotNull(host.Services.GetRequiredService<SalesforceClient>());
            Assert.NotNull(host.Services.GetRequiredService<OutreachClient>());
            Assert.NotNull(host.Services.GetRequiredService<ClayClient>());
            await host.StopAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable(secret, null);
        }
    }

    private static async Task<string> StartFailureAsync(Dictionary<string, string?> settings)
    {
        using var host = Host(settings);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        return error.Message;
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(Prometheus.Metrics.NewCustomRegistry());
        builder.Services.AddGtmGuardVendorClients(builder.Configuration);
        return builder.Build();
    }
}
