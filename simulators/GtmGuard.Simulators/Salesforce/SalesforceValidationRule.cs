namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// A validation rule in data form. Like a Salesforce error-condition formula, the rule fires (and the save
/// fails with FIELD_CUSTOM_VALIDATION_EXCEPTION) when the condition on the saved record is true.
/// </summary>
public sealed class SalesforceValidationRule
{
    /// <summary>The sObject the rule guards: Contact, Lead or Account.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Salesforce's own word; configuration and the control API use it.")]
    public string Object { get; set; } = string.Empty;

    public string Field { get; set; } = string.Empty;

    public SalesforceRuleOperator Operator { get; set; } = SalesforceRuleOperator.Blank;

    /// <summary>The operand of comparing operators (a regular expression for <see cref="SalesforceRuleOperator.Matches"/>).</summary>
    public string? Value { get; set; }

    /// <summary>The rule's error message, returned verbatim.</summary>
    public string Message { get; set; } = string.Empty;

    /// <summary>Show the error on the field (<c>fields:[Field]</c>) rather than at the top of the page (<c>fields:[]</c>).</summary>
    public bool ShowOnField { get; set; }
}

/// <summary>The error condition of a <see cref="SalesforceValidationRule"/>, evaluated case-insensitively on text.</summary>
public enum SalesforceRuleOperator
{
    Blank,
    NotBlank,
    EqualTo,
    NotEqualTo,
    Contains,
    NotContains,
    StartsWith,
    EndsWith,
    Matches,
    LongerThan,
}
