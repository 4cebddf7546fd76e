namespace GtmGuard.Contracts.Reports;

/// <summary>Writes a report in the chosen format.</summary>
public static class ReportWriter
{
    public static void Write(ContractReport report, ReportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Json:
                JsonReport.Write(report, output);
                break;
            case ReportFormat.Junit:
                JUnitReport.Write(report, output);
                break;
            default:
                TableReport.Write(report, output);
                break;
        }
    }
}
