namespace GtmGuard.Contracts.Tests.Conformance;

/// <summary>A state directory seeded with one RSA key pair per test run, so Salesforce simulators skip generating their JWT keys.</summary>
internal static class SalesforceKeys
{
    private static readonly Lazy<(string PrivatePem, string PublicPem)> Shared = new(() =>
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    });

    public static string StateDirectory()
    {
        var state = ConformanceHarness.TempDirectory("salesforce");
        var folder = Directory.CreateDirectory(Path.Combine(state, "salesforce-jwt")).FullName;
        File.WriteAllText(Path.Combine(folder, "private.pem"), Shared.Value.PrivatePem);
        File.WriteAllText(Path.Combine(folder, "public.pem"), Shared.Value.PublicPem);
        return state;
    }
}
