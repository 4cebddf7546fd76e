using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GtmGuard.Contracts.Reports;

/// <summary>The report as JSON: summary counts, the operations looked at, and every folded finding.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write(ContractReport report, TextWriter output)
    {
        var document = new
        {
            title = report.Title,
            subject = report.Subject,
            summary = new { breaking = report.Breaking, additive = report.Additive, info = report.Info },
            exitCode = report.ExitCode(),
            operations = report.Operations,
            findings = report.Findings,
        };
        output.WriteLine(JsonSerializer.Serialize(document, Options));
    }
}
