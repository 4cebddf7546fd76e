using System.Text;

namespace GtmGuard.Sync.Vendors.Salesforce;

/// <summary>RFC 4180 CSV as Bulk API 2.0 takes and returns it: comma-separated, LF line endings, quotes doubled.</summary>
internal static class SalesforceCsv
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows)
        {
            Line(text, row);
        }

        return text.ToString();
    }

    /// <summary>The rows of a CSV body, each keyed by the header's column names.</summary>
    public static List<Dictionary<string, string>> Read(string csv)
    {
        var lines = Parse(csv.TrimStart('\uFEFF'));
        if (lines.Count == 0)
        {
            return [];
        }

        var header = lines[0];
        return lines.Skip(1)
            .Where(cells => cells.Count > 1 || (cells.Count == 1 && cells[0].Length > 0))
            .Select(cells =>
            {
                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Count; i++)
                {
                    row[header[i]] = i < cells.Count ? cells[i] : string.Empty;
                }

                return row;
            })
            .ToList();
    }

    private static void Line(StringBuilder text, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            var value = cell ?? string.Empty;
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(value);
            }
        }

        text.Append('\n');
    }

    private static List<List<string>> Parse(string csv)
    {
        var lines = new List<List<string>>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    lines.Add(cells);
                    cells = [];
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            lines.Add(cells);
        }

        return lines;
    }
}
