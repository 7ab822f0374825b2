using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Rollcall.Pages.Shared.Charts;

/// <summary>
/// Small charts drawn on the server as inline SVG: lines over days and stacked bars. Only presentation attributes (the
/// security policy allows no inline style), a title and a description for assistive technology, a tooltip per mark.
/// Pages show the same numbers in a table beside each chart; the legend names every series in words.
/// </summary>
internal static class SvgChart
{
    private const double Width = 720, Height = 240, Left = 48, Right = 12, Top = 12, Bottom = 28;
    private static readonly double[] Steps = [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10];
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    /// <summary>A line per series over <paramref name="labels"/> (one per point); a null value breaks its line.</summary>
    public static IHtmlContent Lines(string id, string title, string description, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        var svg = Open(id, title, description);
        var max = NiceMax(series.SelectMany(s => s.Values).Max() ?? 0);
        Axes(svg, max, labels, i => X(i, labels.Count));
        foreach (var line in series)
        {
            var path = new StringBuilder();
            var marks = new StringBuilder();
            var drawing = false;
            for (var i = 0; i < line.Values.Count; i++)
            {
                if (line.Values[i] is not { } value)
                {
                    drawing = false;
                    continue;
                }

                var (x, y) = (X(i, labels.Count), Y(value, max));
                path.Append(drawing ? " L" : " M").Append(Num(x)).Append(' ').Append(Num(y));
                drawing = true;
                marks.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Num(x)}\" cy=\"{Num(y)}\" r=\"2.5\" fill=\"{line.Colour}\"><title>{Text(labels[i])}: {Text(Count(value))} {Text(line.Name)}</title></circle>");
            }

            if (path.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"{line.Colour}\" stroke-width=\"2\"");
                svg.Append(line.Dash is null ? "/>" : $" stroke-dasharray=\"{line.Dash}\"/>");
            }

            svg.Append(marks);
        }

        return Close(svg);
    }

    /// <summary>A bar per label, its series stacked bottom to top in the order given.</summary>
    public static IHtmlContent StackedBars(string id, string title, string description, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        var svg = Open(id, title, description);
        var totals = Enumerable.Range(0, labels.Count).Select(i => series.Sum(s => s.Values[i] ?? 0)).ToList();
        var max = NiceMax(totals.DefaultIfEmpty(0).Max());
        var slot = PlotWidth / Math.Max(labels.Count, 1);
        var bar = Math.Max(slot * 0.7, 1);
        Axes(svg, max, labels, i => Left + (slot * i) + (slot / 2));
        for (var i = 0; i < labels.Count; i++)
        {
            var x = Left + (slot * i) + ((slot - bar) / 2);
            var bottom = 0.0;
            foreach (var part in series)
            {
                if (part.Values[i] is not (> 0 and var value))
                {
                    continue;
                }

                var (top, base_) = (Y(bottom + value, max), Y(bottom, max));
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Num(x)}\" y=\"{Num(top)}\" width=\"{Num(bar)}\" height=\"{Num(base_ - top)}\" fill=\"{part.Colour}\">");
                svg.Append(CultureInfo.InvariantCulture, $"<title>{Text(labels[i])}: {Text(Count(value))} {Text(part.Name)}</title></rect>");
                bottom += value;
            }
        }

        return Close(svg);
    }

    /// <summary>The series in words, each with a swatch drawn as in the chart (a line with its dashes, or a block).</summary>
    public static IHtmlContent Legend(IReadOnlyList<ChartSeries> series, bool bars)
    {
        var html = new StringBuilder("<ul class=\"chart-legend\">");
        foreach (var s in series)
        {
            var swatch = bars
                ? $"<rect x=\"0\" y=\"0\" width=\"24\" height=\"12\" fill=\"{s.Colour}\"/>"
                : $"<line x1=\"0\" y1=\"6\" x2=\"24\" y2=\"6\" stroke=\"{s.Colour}\" stroke-width=\"3\"{(s.Dash is null ? "" : $" stroke-dasharray=\"{s.Dash}\"")}/>";
            html.Append(CultureInfo.InvariantCulture, $"<li><svg width=\"24\" height=\"12\" aria-hidden=\"true\" focusable=\"false\">{swatch}</svg> {Text(s.Name)}</li>");
        }

        return new HtmlString(html.Append("</ul>").ToString());
    }

    /// <summary>
    /// The chart in a box that scrolls sideways where the screen is narrower than the chart's least width (a phone), so its
    /// text stays readable; the box takes keyboard focus, so it scrolls without a mouse too.
    /// </summary>
    private static StringBuilder Open(string id, string title, string description) => new(
        $"<div class=\"chart-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"{Text(title)}\">"
        + $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Num(Width)} {Num(Height)}\" width=\"100%\" "
        + $"preserveAspectRatio=\"xMidYMid meet\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{Text(title)}</title><desc id=\"{id}-desc\">{Text(description)}</desc>");

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg></div>").ToString());

    /// <summary>Grid lines with their values at 0, half and the top; the first, middle and last label under the plot.</summary>
    private static void Axes(StringBuilder svg, double max, IReadOnlyList<string> labels, Func<int, double> xOf)
    {
        foreach (var value in new[] { 0, max / 2, max }.Distinct())
        {
            var y = Y(value, max);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Num(Left)}\" y1=\"{Num(y)}\" x2=\"{Num(Width - Right)}\" y2=\"{Num(y)}\" stroke=\"#d0d4d9\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Num(Left - 6)}\" y=\"{Num(y + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#4a4f55\">{Text(Count(value))}</text>");
        }

        if (labels.Count == 0)
        {
            return;
        }

        foreach (var i in new[] { 0, labels.Count / 2, labels.Count - 1 }.Distinct())
        {
            var anchor = i == 0 ? "start" : i == labels.Count - 1 ? "end" : "middle";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Num(xOf(i))}\" y=\"{Num(Height - 8)}\" text-anchor=\"{anchor}\" font-size=\"12\" fill=\"#4a4f55\">{Text(labels[i])}</text>");
        }
    }

    /// <summary>The top of the scale: the maximum rounded up to a round number (1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6 or 8 times a power of ten) whose half is whole; at least 2.</summary>
    public static double NiceMax(double max)
    {
        if (max <= 2)
        {
            return 2;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return Steps.Select(m => Math.Round(m * power)).First(top => top >= max && top % 2 == 0);
    }

    private static double X(int i, int count) => count <= 1 ? Left + (PlotWidth / 2) : Left + (PlotWidth * i / (count - 1));

    private static double Y(double value, double max) => Top + PlotHeight - (PlotHeight * value / max);

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Count(double value) => value.ToString("#,0.#", CultureInfo.CurrentCulture);

    private static string Text(string text) => HtmlEncoder.Default.Encode(text);
}
