namespace GtmGuard.Contracts.Findings;

/// <summary>How much a finding matters to a client written against the snapshot.</summary>
public enum Severity
{
    /// <summary>Reported, never fails a run: an exchange outside the snapshots, an unreadable capture.</summary>
    Info,

    /// <summary>A client keeps working: a new optional field, a new value of an open enum, a new operation.</summary>
    Additive,

    /// <summary>A client written against the snapshot can break: a field missing, retyped, renamed or null where it was not.</summary>
    Breaking,
}
