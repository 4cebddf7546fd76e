using System.Text;

namespace GtmGuard.Simulators.Salesforce.Bulk;

/// <summary>
/// RFC 4180 CSV with a chosen delimiter: fields may be quoted, quotes inside doubled, and quoted fields may
/// span lines. Records end at LF or CRLF.
/// </summary>
internal static class Csv
{
    /// <summary>Parses every record; a final empty line is not a record. Throws <see cref="FormatException"/> on a broken quote.</summary>
    public static List<List<string>> Parse(string text, char delimiter)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var line = 1;
        var atFieldStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                i = ReadQuoted(text, i + 1, field, ref line);
                if (i < text.Length && text[i] != delimiter && text[i] != '\r' && text[i] != '\n')
                {
                    throw new FormatException($"Unexpected character '{text[i]}' after a closing quote on line {line}.");
                }

                atFieldStart = false;
                continue;
            }

            if (c == delimiter)
            {
                record.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
                i++;
            }
            else if (c == '\r' || c == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                atFieldStart = true;
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
            }
            else if (c == '"')
            {
                throw new FormatException($"Unescaped quote inside an unquoted field on line {line}.");
            }
            else
            {
                field.Append(c);
                atFieldStart = false;
                i++;
            }
        }

        if (!atFieldStart || field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }

    /// <summary>Writes records with every field quoted, so delimiters, quotes and line breaks survive.</summary>
    public static string Write(IEnumerable<IReadOnlyList<string>> records, char delimiter, string lineEnding)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            for (var i = 0; i < record.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(delimiter);
                }

                text.Append('"').Append(record[i].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }

            text.Append(lineEnding);
        }

        return text.ToString();
    }

    private static int ReadQuoted(string text, int i, StringBuilder field, ref int line)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            if (c == '\n')
            {
                line++;
            }

            field.Append(c);
            i++;
        }

        throw new FormatException($"A quoted field is not closed before the end of the data (line {line}).");
    }
}
