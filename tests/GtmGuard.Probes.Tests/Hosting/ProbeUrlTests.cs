using GtmGuard.Probes.Hosting;
using Microsoft.Extensions.Configuration;

namespace GtmGuard.Probes.Tests.Hosting;

public sealed class ProbeUrlTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5120")]
    [InlineData("http://192.168.1.20:5120")]
    [InlineData("https://127.0.0.1:5120")]
    [InlineData("not a url")]
    public void Build_WithAUrlOffLoopback_RefusesNamingTheSetting(string url)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Probes:Url"] = url }).Build();

        var error = Assert.Throws<ArgumentException>(() => ProbeServiceHost.Build(configuration));

        Assert.Equal($"Probes:Url '{url}' must be an http URL on loopback (127.0.0.1, [::1] or localhost).", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5120", true)]
    [InlineData("http://127.8.0.1:5120", true)]
    [InlineData("http://[::1]:5120", true)]
    [InlineData("http://LocalHost:5120", true)]
    [InlineData("http://0.0.0.0:5120", false)]
    [InlineData("http://[::]:5120", false)]
    [InlineData("http://example.com", false)]
    [InlineData("", false)]
    public void Validator_AcceptsOnlyLoopbackHttp(string url, bool valid) =>
        Assert.Equal(valid, new ProbeUrlValidator().Validate(null, new ProbeOptions { Url = url }).Succeeded);
}
