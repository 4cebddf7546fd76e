namespace GtmGuard.Contracts.Findings;

/// <summary>What kind of difference a finding reports; the kind decides the severity.</summary>
public enum FindingKind
{
    // Payload checks.
    RequiredFieldMissing,
    TypeChanged,
    NullabilityTightened,
    EnumValueUnknown,
    EnumValueAdded,
    FieldRenamed,
    FieldAdded,
    ArrayItemChanged,
    FormatChanged,
    ConstraintViolated,
    StatusNotDocumented,
    ContentTypeChanged,
    BodyMissing,
    UnexpectedBody,
    NotJson,
    HeaderMissing,
    HeaderChanged,
    UnknownOperation,
    UnreadableCapture,

    // Spec diff.
    OperationRemoved,
    OperationAdded,
    ParameterRemoved,
    ParameterAdded,
    ParameterMadeRequired,
    ParameterMadeOptional,
    FieldRemoved,
    FieldMadeOptional,
    FieldMadeRequired,
    NullabilityLoosened,
    EnumValueRemoved,
    StatusCodeChanged,
    StatusCodeRemoved,
    StatusCodeAdded,
}
