package org.prdarts.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Figure helpers on JFreeChart with SVG output through JFreeSVG: line charts over epochs,
 * heatmaps with their values written in the cells, bar charts; one plain style for all. Nothing
 * here knows about searches or training runs, so every report and figure of the project can use it.
 */
public final class Charts {
    /** Colours of successive series (the Tableau 10 palette, readable on white and by most colour-blind readers). */
    public static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf));
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font CELL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final Color MISSING = new Color(0xdd, 0xdd, 0xdd);

    private Charts() {
    }

    /**
     * One line of a line chart; a NaN y leaves a gap. {@code color} null takes the palette's next
     * colour; {@code dashed} draws a dashed line (e.g. one method per colour, one seed per dash).
     */
    public record Series(String name, double[] x, double[] y, Color color, boolean dashed) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + " must have as many x as y values, found "
                        + x.length + " and " + y.length);
            }
        }

        public Series(String name, double[] x, double[] y) {
            this(name, x, y, null, false);
        }
    }

    /** Curves longer than this are drawn without a marker per point. */
    static final int MARKED_POINTS = 60;

    /**
     * A renderer for line figures: each series one SVG path (not one element per segment, which
     * made a figure of 15 curves of 200 steps 2 MB), markers only on short curves.
     */
    static XYLineAndShapeRenderer lineRenderer(XYSeriesCollection data) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, markers(data));
        r.setDrawSeriesLineAsPath(true);
        return r;
    }

    private static boolean markers(XYSeriesCollection data) {
        for (int i = 0; i < data.getSeriesCount(); i++) {
            if (data.getItemCount(i) > MARKED_POINTS) {
                return false;
            }
        }
        return true;
    }

    /** A line chart with a point marker at every value of a short curve. */
    public static JFreeChart lines(String title, String xLabel, String yLabel, List<Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            // keys must be unique within a collection: a repeated name gets a suffix
            String key = s.name();
            while (data.getSeriesIndex(key) >= 0) {
                key = key + " ";
            }
            XYSeries xy = new XYSeries(key, false, true);
            for (int k = 0; k < s.x().length; k++) {
                xy.add(s.x()[k], Double.isFinite(s.y()[k]) ? Double.valueOf(s.y()[k]) : null);
            }
            data.addSeries(xy);
            renderer.setSeriesPaint(i, s.color() != null ? s.color() : PALETTE.get(i % PALETTE.size()));
            renderer.setSeriesStroke(i, s.dashed()
                    ? new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(1.8f));
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        // plain decimals: JFreeChart switches to 1.2516E-1 for narrow ranges
        y.setNumberFormatOverride(plainDecimals());
        flatRange(y, series);
        renderer.setDefaultShapesVisible(markers(data));
        renderer.setDrawSeriesLineAsPath(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, series.size() > 1);
        style(chart);
        return chart;
    }

    private static java.text.NumberFormat plainDecimals() {
        return new java.text.DecimalFormat("0.######", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** A constant series gets a range around its value (the automatic one would span 1e-8). */
    private static void flatRange(NumberAxis y, List<Series> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min == max) {
            double d = min == 0 ? 1 : Math.abs(min) * 0.1;
            y.setRange(min - d, max + d);
        }
    }

    /** A vertical bar chart of one value per category. */
    public static JFreeChart bars(String title, String categoryLabel, String valueLabel, List<String> categories,
                                  double[] values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < categories.size(); i++) {
            data.addValue(Double.isFinite(values[i]) ? Double.valueOf(values[i]) : null, valueLabel, categories.get(i));
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, PALETTE.get(0));
        CategoryAxis x = new CategoryAxis(categoryLabel);
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        x.setTickLabelFont(TICK);
        NumberAxis y = new NumberAxis(valueLabel);
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        style(chart);
        return chart;
    }

    /**
     * A heatmap of {@code values[row][column]}, row 0 at the top, each cell coloured on a white to
     * blue scale from {@code lower} to {@code upper} and labelled with its value ({@code format},
     * e.g. "%.2f"); NaN cells are grey and unlabelled.
     */
    public static JFreeChart heatmap(String title, String rowLabel, List<String> rows, String columnLabel,
                                     List<String> columns, double[][] values, double lower, double upper,
                                     String format) {
        int nr = rows.size();
        int nc = columns.size();
        double[] xs = new double[nr * nc];
        double[] ys = new double[nr * nc];
        double[] zs = new double[nr * nc];
        for (int r = 0; r < nr; r++) {
            if (values[r].length != nc) {
                throw new IllegalArgumentException("heatmap row " + r + " must have " + nc + " values, found "
                        + values[r].length);
            }
            for (int c = 0; c < nc; c++) {
                int k = r * nc + c;
                xs[k] = c;
                ys[k] = r;
                zs[k] = values[r][c];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(title, new double[][] {xs, ys, zs});
        SymbolAxis x = new SymbolAxis(columnLabel, columns.toArray(new String[0]));
        x.setGridBandsVisible(false);
        x.setVerticalTickLabels(true);
        x.setTickLabelFont(TICK);
        SymbolAxis y = new SymbolAxis(rowLabel, rows.toArray(new String[0]));
        y.setGridBandsVisible(false);
        y.setInverted(true);
        y.setTickLabelFont(TICK);
        XYBlockRenderer renderer = new XYBlockRenderer();
        BlueScale scale = new BlueScale(lower, upper > lower ? upper : lower + 1);
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                double v = values[r][c];
                if (!Double.isFinite(v)) {
                    continue;
                }
                XYTextAnnotation a = new XYTextAnnotation(String.format(Locale.ROOT, format, v), c, r);
                a.setFont(CELL);
                a.setPaint(scale.fraction(v) > 0.55 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(a);
            }
        }
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        NumberAxis legendAxis = new NumberAxis();
        legendAxis.setTickLabelFont(TICK);
        legendAxis.setNumberFormatOverride(plainDecimals());
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(4, 8, 4, 4));
        legend.setStripWidth(10);
        legend.setSubdivisionCount(32);
        chart.addSubtitle(legend);
        style(chart);
        return chart;
    }

    /** White to blue, grey for NaN. */
    private record BlueScale(double lower, double upper) implements PaintScale {
        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        double fraction(double v) {
            return Math.max(0, Math.min(1, (v - lower) / (upper - lower)));
        }

        @Override
        public Paint getPaint(double value) {
            if (!Double.isFinite(value)) {
                return MISSING;
            }
            double f = fraction(value);
            return new Color((int) Math.round(247 + (8 - 247) * f), (int) Math.round(251 + (48 - 251) * f),
                    (int) Math.round(255 + (107 - 255) * f));
        }
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
            p.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
            p.setOutlineVisible(false);
            axisFonts(p.getDomainAxis());
            axisFonts(p.getRangeAxis());
        } else if (chart.getPlot() instanceof CategoryPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
            p.setOutlineVisible(false);
            axisFonts(p.getDomainAxis());
            axisFonts(p.getRangeAxis());
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(TICK);
        }
    }

    private static void axisFonts(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(LABEL);
        if (!(axis instanceof SymbolAxis) && !(axis instanceof CategoryAxis)) {
            axis.setTickLabelFont(TICK);
        }
    }

    /** A chart as an {@code <svg>} element of the given size; {@code id} must be unique within a page. */
    public static String svg(JFreeChart chart, String id, int width, int height) {
        return svg(id, width, height, g -> chart.draw(g, new Rectangle2D.Double(0, 0, width, height)));
    }

    /**
     * Whatever {@code painter} draws, as an {@code <svg>} element with a view box (so a page may
     * scale it); clip paths and gradients get ids prefixed by {@code id}, so several figures can
     * sit in one page.
     */
    public static String svg(String id, int width, int height, Consumer<Graphics2D> painter) {
        requireSafeId(id);
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        // two decimals are a hundredth of a pixel: a third of the default file size
        g.setGeomDoubleConverter(Charts::twoDecimals);
        g.setTransformDoubleConverter(Charts::twoDecimals);
        painter.accept(g);
        return g.getSVGElement(id, true, new org.jfree.svg.ViewBox(0, 0, width, height), null, null);
    }

    /**
     * Ids go into attributes unescaped by JFreeSVG (the element id and every clip-path reference),
     * so anything but letters, digits, '-' and '_' is refused rather than escaped: callers derive
     * ids from fixed words and indexes, never from names found in a run's files.
     */
    static String requireSafeId(String id) {
        if (id.isEmpty() || id.length() > 100 || !id.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c)
                || c == '-' || c == '_'))) {
            throw new IllegalArgumentException("figure id must be letters, digits, '-' or '_', found '"
                    + (id.length() > 40 ? id.substring(0, 40) + "..." : id) + "'");
        }
        return id;
    }

    private static String twoDecimals(double d) {
        double r = Math.round(d * 100) / 100.0;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    /** Integer ticks on the value axis of an XY chart (counts). */
    public static JFreeChart integerTicks(JFreeChart chart) {
        if (chart.getPlot() instanceof XYPlot p && p.getRangeAxis() instanceof NumberAxis a) {
            a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        return chart;
    }

    /** A chart as a PNG file. */
    public static void png(JFreeChart chart, Path file, int width, int height) throws IOException {
        BufferedImage img = chart.createBufferedImage(width, height);
        writePng(img, file);
    }

    /** Writes an image as PNG, atomically. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        org.prdarts.repro.AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }
}
