namespace GtmGuard.Simulators.Salesforce.Soql;

/// <summary>A query Salesforce would refuse: its errorCode (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE…) and message.</summary>
internal sealed class SoqlException : Exception
{
    public SoqlException(string code, string message)
        : base(message) => Code = code;

    public SoqlException()
        : this("MALFORMED_QUERY", "malformed query")
    {
    }

    public SoqlException(string message, Exception inner)
        : base(message, inner) => Code = "MALFORMED_QUERY";

    public string Code { get; }

    /// <summary>
    /// Salesforce points at the offending spot: the query row, a caret under the column, then
    /// <c>ERROR at Row:r:Column:c</c> and the explanation.
    /// </summary>
    public static SoqlException At(string code, string query, int offset, string explanation)
    {
        offset = Math.Clamp(offset, 0, query.Length);
        var rowStart = query.LastIndexOf('\n', Math.Max(0, offset - 1)) is var nl && nl >= 0 && nl < offset ? nl + 1 : 0;
        var rowEnd = query.IndexOf('\n', offset) is var next && next >= 0 ? next : query.Length;
        var row = query[..rowStart].Count(c => c == '\n') + 1;
        var column = offset - rowStart + 1;
        var line = query[rowStart..rowEnd].TrimEnd('\r');
        return new SoqlException(code, $"\n{line}\n{new string(' ', column - 1)}^\nERROR at Row:{row}:Column:{column}\n{explanation}");
    }
}
