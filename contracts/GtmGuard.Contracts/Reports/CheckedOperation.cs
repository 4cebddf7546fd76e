namespace GtmGuard.Contracts.Reports;

/// <summary>An operation a run looked at, and how many payloads it saw; JUnit writes one test case each.</summary>
public sealed record CheckedOperation(string Vendor, string Operation, int Count);
