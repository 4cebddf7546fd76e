using System.Globalization;
using System.Net;
using System.Text;

namespace GtmGuard.LoadTests.Reports;

/// <summary>Small inline SVG charts (lines and bars), so the HTML report needs nothing from the network.</summary>
internal static class SvgChart
{
    private const int Width = 720;
    private const int Height = 260;
    private const int Left = 60;
    private const int Bottom = 30;
    private const int Top = 20;
    private static readonly string[] Colors = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];

    /// <summary>One line per series over a shared x axis.</summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> series)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        var maxX = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.X));
        var maxY = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Y)) * 1.1;
        var svg = Begin(title);
        Axes(svg, xLabel, yLabel, maxX, maxY);
        for (var i = 0; i < series.Count; i++)
        {
            var path = string.Join(" ", series[i].Points.Select(p => $"{X(p.X, maxX)},{Y(p.Y, maxY)}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{Colors[i % Colors.Length]}\" stroke-width=\"1.5\" points=\"{path}\"/>");
            Legend(svg, i, series[i].Name);
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, one per labelled value.</summary>
    public static string Bars(string title, IReadOnlyList<(string Label, double Value)> bars)
    {
        var height = Top + Bottom + Math.Max(1, bars.Count) * 22;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" role=\"img\"><title>{Esc(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"14\" font-size=\"13\" font-weight=\"bold\">{Esc(title)}</text>");
        if (bars.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"40\" font-size=\"12\">none</text>");
        }

        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        for (var i = 0; i < bars.Count; i++)
        {
            var y = Top + 8 + (i * 22);
            var w = (Width - 300) * bars[i].Value / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{y + 13}\" font-size=\"11\">{Esc(bars[i].Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"260\" y=\"{y}\" width=\"{w:0.#}\" height=\"16\" fill=\"{Colors[1]}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{264 + w:0.#}\" y=\"{y + 13}\" font-size=\"11\">{bars[i].Value:0.###}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Begin(string title) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\"><title>{Esc(title)}</title><text x=\"{Left}\" y=\"14\" font-size=\"13\" font-weight=\"bold\">{Esc(title)}</text>");

    private static void Axes(StringBuilder svg, string xLabel, string yLabel, double maxX, double maxY)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - 10}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var value = maxY * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Y(value, maxY) + 4}\" font-size=\"10\" text-anchor=\"end\">{value:0.#}</text>");
            var x = maxX * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(x, maxX)}\" y=\"{Height - Bottom + 14}\" font-size=\"10\" text-anchor=\"middle\">{x:0.#}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height - 2}\" font-size=\"11\" text-anchor=\"middle\">{Esc(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{Height / 2}\" font-size=\"11\" transform=\"rotate(-90 12 {Height / 2})\" text-anchor=\"middle\">{Esc(yLabel)}</text>");
    }

    private static void Legend(StringBuilder svg, int index, string name)
    {
        var y = Top + 6 + (index * 14);
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - 200}\" y=\"{y - 8}\" width=\"10\" height=\"10\" fill=\"{Colors[index % Colors.Length]}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 185}\" y=\"{y + 1}\" font-size=\"11\">{Esc(name)}</text>");
    }

    private static string X(double x, double maxX) => (Left + ((Width - Left - 10) * x / maxX)).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Y(double y, double maxY) => (Height - Bottom - ((Height - Bottom - Top) * y / maxY)).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
