package org.prdarts.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Color;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a study: named (x, y) series drawn as an SVG line or scatter chart, and the same
 * numbers as CSV rows, so every plotted value is also in a table.
 */
public final class StudyCharts {
    private StudyCharts() {
    }

    /** How a figure is drawn. */
    public enum Kind {
        LINE, SCATTER
    }

    /** One named series of points; a non-finite y is kept in the CSV as empty and left out of the chart. */
    public record Series(String name, List<double[]> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /** One figure: file name (without .svg), title, axis labels, series. */
    public record Figure(String name, String title, String xLabel, String yLabel, Kind kind, List<Series> series) {
        public Figure {
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("figure name must be lower-case letters, digits and dashes, "
                        + "found '" + name + "'");
            }
            series = List.copyOf(series);
        }
    }

    /** The figure as an SVG document. */
    public static String svg(Figure f) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : f.series()) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (double[] p : s.points()) {
                if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                    xy.add(p[0], p[1]);
                }
            }
            data.addSeries(xy);
        }
        JFreeChart chart = f.kind() == Kind.LINE
                ? ChartFactory.createXYLineChart(f.title(), f.xLabel(), f.yLabel(), data, PlotOrientation.VERTICAL,
                true, false, false)
                : ChartFactory.createScatterPlot(f.title(), f.xLabel(), f.yLabel(), data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (f.kind() == Kind.LINE) {
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
            plot.setRenderer(r);
        }
        chart.setBackgroundPaint(Color.WHITE);
        SVGGraphics2D g = new SVGGraphics2D(720, 440);
        chart.draw(g, new Rectangle(0, 0, 720, 440));
        return g.getSVGDocument();
    }

    /** CSV rows {@code figure,series,x,y} of every point of the figures (header first). */
    public static String csv(List<Figure> figures) {
        List<String> lines = new ArrayList<>();
        lines.add("figure,series,x,y");
        for (Figure f : figures) {
            for (Series s : f.series()) {
                for (double[] p : s.points()) {
                    lines.add(String.join(",", f.name(), quote(s.name()), number(p[0]), number(p[1])));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.8g", v) : "";
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
