using GtmGuard.Contracts.Findings;

namespace GtmGuard.Contracts.Validation;

/// <summary>One problem in one payload, before it is tied to a vendor, operation and location.</summary>
internal sealed record PayloadIssue(FindingKind Kind, string Path, string Message);
