using System.Text.RegularExpressions;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>The active validation rules; replaced as a whole at run time through the control API.</summary>
internal sealed class SalesforceValidationRules
{
    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(100);

    private volatile IReadOnlyList<SalesforceValidationRule> _rules;

    public SalesforceValidationRules(IEnumerable<SalesforceValidationRule> rules, SalesforceSchema schema)
    {
        _rules = Checked(rules, schema);
    }

    public IReadOnlyList<SalesforceValidationRule> Current => _rules;

    /// <summary>Validates and installs <paramref name="rules"/>; throws <see cref="ArgumentException"/> naming the bad rule.</summary>
    public void Replace(IEnumerable<SalesforceValidationRule> rules, SalesforceSchema schema) => _rules = Checked(rules, schema);

    /// <summary>The errors of every rule whose condition holds on the record about to be saved.</summary>
    public IReadOnlyList<SalesforceError> Evaluate(SalesforceObjectType type, IReadOnlyDictionary<string, object> values) =>
        _rules
            .Where(r => string.Equals(r.Object, type.Name, StringComparison.OrdinalIgnoreCase) && Fires(r, type, values))
            .Select(r => new SalesforceError("FIELD_CUSTOM_VALIDATION_EXCEPTION", r.Message, r.ShowOnField ? [type.Field(r.Field)!.Name] : []))
            .ToList();

    private static bool Fires(SalesforceValidationRule rule, SalesforceObjectType type, IReadOnlyDictionary<string, object> values)
    {
        var field = type.Field(rule.Field)!;
        var text = values.TryGetValue(field.Name, out var value) ? SalesforceValues.Text(value) : string.Empty;
        var operand = rule.Value ?? string.Empty;
        const StringComparison ignoreCase = StringComparison.OrdinalIgnoreCase;
        return rule.Operator switch
        {
            SalesforceRuleOperator.Blank => string.IsNullOrWhiteSpace(text),
            SalesforceRuleOperator.NotBlank => !string.IsNullOrWhiteSpace(text),
            SalesforceRuleOperator.EqualTo => string.Equals(text, operand, ignoreCase),
            SalesforceRuleOperator.NotEqualTo => !string.Equals(text, operand, ignoreCase),
            SalesforceRuleOperator.Contains => text.Contains(operand, ignoreCase),
            SalesforceRuleOperator.NotContains => !text.Contains(operand, ignoreCase),
            SalesforceRuleOperator.StartsWith => text.StartsWith(operand, ignoreCase),
            SalesforceRuleOperator.EndsWith => text.EndsWith(operand, ignoreCase),
            SalesforceRuleOperator.Matches => Matches(text, operand),
            SalesforceRuleOperator.LongerThan => int.TryParse(operand, out var max) && text.Length > max,
            _ => false,
        };
    }

    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexBudget);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static List<SalesforceValidationRule> Checked(IEnumerable<SalesforceValidationRule> rules, SalesforceSchema schema)
    {
        var list = rules.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var rule = list[i];
            var type = schema.Find(rule.Object)
                ?? throw new ArgumentException($"Validation rule {i}: unknown object '{rule.Object}'. Known: {string.Join(", ", schema.Types.Select(t => t.Name))}.");
            if (type.Field(rule.Field) is null)
            {
                throw new ArgumentException($"Validation rule {i}: {type.Name} has no field '{rule.Field}'.");
            }

            if (string.IsNullOrWhiteSpace(rule.Message))
            {
                throw new ArgumentException($"Validation rule {i}: a message is required.");
            }

            if (rule.Operator == SalesforceRuleOperator.Matches)
            {
                try
                {
                    _ = new Regex(rule.Value ?? string.Empty, RegexOptions.None, RegexBudget);
                }
                catch (ArgumentException ex)
                {
                    throw new ArgumentException($"Validation rule {i}: invalid regular expression: {ex.Message}", ex);
                }
            }
        }

        return list;
    }
}
