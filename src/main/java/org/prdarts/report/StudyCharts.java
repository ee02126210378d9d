package org.prdarts.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.prdarts.repro.Json;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        return Reports.svgFile(Charts.svg(chart(f), f.name(), 720, 440));
    }

    private static JFreeChart chart(Figure f) {
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
            plot.setRenderer(Charts.lineRenderer(data));
        } else {
            // the points of a group at x = 0 are drawn whole, not cut by an axis that stops at zero
            NumberAxis x = (NumberAxis) plot.getDomainAxis();
            x.setAutoRangeStickyZero(false);
            x.setLowerMargin(0.08);
            x.setUpperMargin(0.08);
            if (f.series().stream().flatMap(s -> s.points().stream()).allMatch(p -> p[0] == Math.rint(p[0]))) {
                x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            }
        }
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * The study's page, {@code report.html}: its summary, its table of sub-runs and every figure,
     * self-contained like every report (inline SVG and CSS, no script), with links to the files.
     */
    public static String html(Path dir, String title, boolean complete, Map<String, Object> summary,
                              List<Map<String, Object>> table, List<Figure> figures) {
        Page p = new Page(title);
        p.header(title, (complete ? "complete" : "in progress") + " | " + dir, complete);
        p.section("summary", "Summary");
        List<List<String>> rows = new ArrayList<>();
        summary.forEach((k, v) -> rows.add(List.of(k, text(v))));
        p.table(List.of("figure", "value"), rows);
        if (!table.isEmpty()) {
            p.section("table", "Sub-runs");
            List<String> head = new ArrayList<>(new LinkedHashSet<>(table.stream()
                    .flatMap(r -> r.keySet().stream()).toList()));
            List<List<String>> cells = new ArrayList<>();
            for (Map<String, Object> r : table) {
                cells.add(head.stream().map(h -> r.containsKey(h) ? text(r.get(h)) : "").toList());
            }
            p.table(head, cells);
        }
        p.section("figures", "Figures");
        p.openFigures();
        for (Figure f : figures) {
            String id = p.nextId(f.name());
            p.figure(id, Charts.svg(chart(f), id + "-svg", Page.CHART_W, Page.CHART_H), f.title(), Map.of());
        }
        p.closeFigures();
        p.files(dir, dir);
        return p.html();
    }

    /**
     * A summary value as a reader takes it in: numbers to 4 significant digits, a map or record as one
     * "name: value" line per member (nested ones indented), a list of numbers or words on one line.
     */
    static String text(Object value) {
        com.google.gson.JsonElement e = Json.pretty().toJsonTree(value);
        return inline(e) ? oneLine(e) : String.join("\n", lines(e, ""));
    }

    private static boolean inline(com.google.gson.JsonElement e) {
        return !e.isJsonObject() && (!e.isJsonArray()
                || e.getAsJsonArray().asList().stream().allMatch(x -> x.isJsonPrimitive() || x.isJsonNull()));
    }

    private static String oneLine(com.google.gson.JsonElement e) {
        if (e.isJsonNull()) {
            return "-";
        }
        if (e.isJsonArray()) {
            return String.join(", ", e.getAsJsonArray().asList().stream().map(StudyCharts::oneLine).toList());
        }
        com.google.gson.JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isNumber() ? significant(p.getAsDouble()) : p.getAsString();
    }

    private static List<String> lines(com.google.gson.JsonElement e, String indent) {
        List<String> out = new ArrayList<>();
        if (e.isJsonObject()) {
            for (Map.Entry<String, com.google.gson.JsonElement> m : e.getAsJsonObject().entrySet()) {
                if (inline(m.getValue())) {
                    out.add(indent + m.getKey() + ": " + oneLine(m.getValue()));
                } else {
                    out.add(indent + m.getKey() + ":");
                    out.addAll(lines(m.getValue(), indent + "  "));
                }
            }
        } else {
            for (com.google.gson.JsonElement x : e.getAsJsonArray()) {
                if (inline(x)) {
                    out.add(indent + "- " + oneLine(x));
                } else {
                    out.add(indent + "-");
                    out.addAll(lines(x, indent + "  "));
                }
            }
        }
        return out;
    }

    /** {@code v} to 4 significant digits, without trailing zeros ("0.9246", "3596", "8", "1.25e-05"). */
    static String significant(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) {
            String[] parts = s.split("e");
            return parts[0].replaceAll("\\.?0+$", "") + "e" + parts[1];
        }
        return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
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
