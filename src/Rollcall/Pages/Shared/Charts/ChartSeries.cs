namespace Rollcall.Pages.Shared.Charts;

/// <summary>
/// One series of a chart: its name (shown in the legend and each mark's tooltip), its colour, and for lines a dash
/// pattern, so that lines differ by more than colour. <see cref="Values"/> has one entry per point; null is no value.
/// </summary>
internal sealed record ChartSeries(string Name, string Colour, IReadOnlyList<double?> Values, string? Dash = null);
