namespace GtmGuard.Contracts.Reports;

/// <summary>How a report is written: a plain-text table for people, JSON for tools, JUnit XML for CI.</summary>
public enum ReportFormat
{
    Table,
    Json,
    Junit,
}
