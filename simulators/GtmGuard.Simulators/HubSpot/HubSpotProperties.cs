using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>Reads a <c>properties</c> object from a request: unknown names, read-only names and bad values become property errors.</summary>
internal static class HubSpotProperties
{
    /// <summary>Values as HubSpot stores them (strings); a null value clears the property.</summary>
    public static (Dictionary<string, string?> Values, List<PropertyError> Errors) Read(JsonNode? node, HubSpotObjectType type)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new List<PropertyError>();
        if (node is null)
        {
            return (values, errors);
        }

        if (node is not JsonObject properties)
        {
            errors.Add(new PropertyError("properties", "INVALID_PROPERTIES", "properties must be an object of property name to value."));
            return (values, errors);
        }

        foreach (var (name, value) in properties)
        {
            if (!type.KnownProperties.Contains(name))
            {
                errors.Add(new PropertyError(name, "PROPERTY_DOESNT_EXIST", $"Property \"{name}\" does not exist"));
                continue;
            }

            if (HubSpotObjectType.IsReadOnly(name))
            {
                errors.Add(new PropertyError(name, "READ_ONLY_VALUE", $"\"{name}\" is a read only property; its value cannot be set."));
                continue;
            }

            if (!TryText(value, out var text))
            {
                errors.Add(new PropertyError(name, "INVALID_OPTION", $"{value?.ToJsonString()} is not a valid value for \"{name}\"; property values are strings."));
                continue;
            }

            if (name == "email" && !string.IsNullOrEmpty(text) && !IsEmail(text))
            {
                errors.Add(new PropertyError(name, "INVALID_EMAIL", $"Email address {text} is invalid"));
                continue;
            }

            if (name is "lead_score" or "numemployees" or "numberofemployees" or "annualrevenue"
                && !string.IsNullOrEmpty(text)
                && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(new PropertyError(name, "INVALID_INTEGER", $"{text} was not a valid number."));
                continue;
            }

            values[name] = name == "email" ? text?.Trim().ToLowerInvariant() : text;
        }

        return (values, errors);
    }

    private static bool TryText(JsonNode? value, out string? text)
    {
        text = null;
        if (value is null)
        {
            return true;
        }

        if (value is not JsonValue scalar)
        {
            return false;
        }

        switch (scalar.GetValueKind())
        {
            case JsonValueKind.String:
                text = scalar.GetValue<string>();
                return true;
            case JsonValueKind.Number:
                text = scalar.ToJsonString();
                return true;
            case JsonValueKind.True:
            case JsonValueKind.False:
                text = scalar.GetValue<bool>() ? "true" : "false";
                return true;
            default:
                return false;
        }
    }

    private static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text.Trim() && address.Host.Contains('.', StringComparison.Ordinal);
}
