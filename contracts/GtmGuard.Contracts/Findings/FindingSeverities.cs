namespace GtmGuard.Contracts.Findings;

/// <summary>The severity each kind carries; one table so payload checks and spec diffs agree.</summary>
public static class FindingSeverities
{
    public static Severity Of(FindingKind kind) => kind switch
    {
        FindingKind.FieldAdded or FindingKind.EnumValueAdded or FindingKind.UnexpectedBody
            or FindingKind.OperationAdded or FindingKind.ParameterMadeOptional or FindingKind.StatusCodeAdded => Severity.Additive,
        FindingKind.UnknownOperation or FindingKind.UnreadableCapture => Severity.Info,
        _ => Severity.Breaking,
    };
}
