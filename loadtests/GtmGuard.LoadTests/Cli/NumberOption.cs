using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace GtmGuard.LoadTests.Cli;

/// <summary>
/// A numeric option whose bad value is reported by name and expected form (<c>--rate must be records per second, a
/// number such as 300; got 'abc'</c>), not by the CLR type System.CommandLine would name.
/// </summary>
internal static class NumberOption
{
    public static Option<T?> Create<T>(string name, string description, string expected)
        where T : struct, INumber<T> =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
                if (T.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                result.AddError($"{name} must be {expected}; got '{text}'.");
                return null;
            },
        };
}
