package org.prdarts.report;

import org.prdarts.space.CellAgreement;
import org.prdarts.space.CellStats;
import org.prdarts.space.ops.Primitives;
import org.prdarts.space.Genotype;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One page over several runs (the runs of {@code prdarts compare}, or any run directories given
 * to {@code prdarts report}): their curves overlaid, one colour per method and one shade per
 * seed; a table; every run's cells side by side; links to every run's own report.
 */
final class ComparisonReport {
    private static final String[][] OVERLAYS = {
            {"skipNormal", "skip_connect in the derived normal cell", "count"},
            {"parametricDepthNormal", "Parametric depth of the derived normal cell", "convolutions on the longest path"},
            {"nodeDepthNormal", "Node depth of the derived normal cell (skips included)", "nodes on the longest chain"},
            {"derivedHeldOutAcc", "Derived cell's discrete network on the held-out half (BatchNorm on batch statistics)",
                "accuracy"},
            {"validAcc", "Architecture-step accuracy (each method's own supernet)", "accuracy"},
            {"testAcc", "Test accuracy", "accuracy"},
            {"trainLoss", "Training loss", "cross-entropy"}};

    /** Brightness changes of a method's colour for its first, second, ... run. */
    private static final float[] SHADES = {0f, -0.3f, 0.25f, -0.5f, 0.4f};

    private ComparisonReport() {
    }

    static String html(String heading, List<RunFiles> runs, Path reportDir) {
        Page page = new Page(heading);
        long finished = runs.stream().filter(RunFiles::finished).count();
        page.header(heading, runs.size() + " runs, " + finished + " finished | " + reportDir.toAbsolutePath().normalize(),
                finished == runs.size());
        page.section("table", "Runs");
        if (runs.isEmpty()) {
            page.paragraph("No run has started yet.");
        }
        table(page, runs, reportDir);
        agreement(page, runs);
        page.section("overlays", "Curves overlaid");
        Map<String, Color> colors = colors(runs);
        page.raw(legend(colors));
        page.openFigures();
        for (String[] o : OVERLAYS) {
            List<Charts.Series> series = new ArrayList<>();
            for (RunFiles r : runs) {
                if (r.hasSeries(o[0])) {
                    series.add(new Charts.Series(label(r), r.epochs(), r.series(o[0]), colors.get(label(r)), false));
                }
            }
            if (!series.isEmpty()) {
                org.jfree.chart.JFreeChart chart = Charts.lines(o[1] + " per epoch", "epoch", o[2], series);
                page.chart("fig-overlay-" + o[0], o[2].equals("accuracy") || o[2].equals("cross-entropy") ? chart
                                : Charts.integerTicks(chart),
                        o[1] + " per epoch, every run (" + o[0] + ")");
            }
        }
        page.closeFigures();
        page.section("cells", "Cells side by side");
        RunReport.legend(page);
        for (int i = 0; i < runs.size(); i++) {
            RunFiles r = runs.get(i);
            Genotype g = r.genotype().orElse(null);
            page.raw("<h3>" + Page.esc(label(r)) + "</h3>\n");
            if (g == null) {
                page.paragraph("No cell yet: no epoch has finished.");
                continue;
            }
            page.openFigures();
            for (boolean reduction : new boolean[] {false, true}) {
                RunReport.cellFigure(page, g, reduction, "cell-" + i + "-" + (reduction ? "reduce" : "normal"),
                        String.format(Locale.ROOT, "%s, %s cell: %d skip_connect, parametric depth %d, "
                                        + "node depth %d%s", label(r),
                                reduction ? "reduction" : "normal", CellStats.skipCount(g.cell(reduction)),
                                CellStats.parametricDepth(g.cell(reduction)), CellStats.nodeDepth(g.cell(reduction)), r.finished() ? "" : " (last finished epoch)"));
            }
            page.closeFigures();
        }
        return page.html();
    }

    /** "prdarts seed 2 (prdarts-seed2)". */
    static String label(RunFiles r) {
        String name = r.dir().toAbsolutePath().normalize().getFileName().toString();
        return r.method() + (r.seed() == null ? "" : " seed " + r.seed()) + " (" + name + ")";
    }

    private static void table(Page page, List<RunFiles> runs, Path reportDir) {
        List<List<String>> rows = new ArrayList<>();
        for (RunFiles r : runs) {
            Genotype g = r.genotype().orElse(null);
            double seconds = 0;
            for (double s : r.series("seconds")) {
                seconds += Double.isFinite(s) ? s : 0;
            }
            double[] acc = r.series(r.kind() == RunFiles.Kind.SEARCH ? "validAcc" : "testAcc");
            double last = acc.length == 0 ? Double.NaN : acc[acc.length - 1];
            rows.add(List.of(r.method(), r.seed() == null ? "" : r.seed().toString(),
                    Integer.toString(r.metrics().size()),
                    g == null ? "" : Integer.toString(CellStats.skipCount(g.normal())),
                    g == null ? "" : Integer.toString(CellStats.skipCount(g.reduce())),
                    g == null ? "" : Integer.toString(CellStats.parametricDepth(g.normal())),
                    g == null ? "" : Integer.toString(CellStats.nodeDepth(g.normal())),
                    Double.isFinite(last) ? String.format(Locale.ROOT, "%.2f %%", 100 * last) : "",
                    String.format(Locale.ROOT, "%.0f s", seconds), r.finished() ? "finished" : "not finished",
                    Page.href(reportDir, r.dir().resolve(Reports.FILE))));
        }
        StringBuilder sb = new StringBuilder("<table><tr>");
        for (String h : List.of("method", "seed", "epochs", "skip (normal)", "skip (reduce)", "parametric depth (normal)",
                "node depth (normal)",
                "final accuracy (valid / test)", "time", "status", "report")) {
            sb.append("<th>").append(Page.esc(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (List<String> row : rows) {
            sb.append("<tr>");
            for (int c = 0; c < row.size() - 1; c++) {
                sb.append(c >= 1 && c <= 8 ? "<td class=\"num\">" : "<td>").append(Page.esc(row.get(c))).append("</td>");
            }
            String href = row.get(row.size() - 1);
            sb.append("<td><a href=\"").append(Page.esc(href)).append("\">report</a></td></tr>\n");
        }
        page.raw(sb.append("</table>\n").toString());
    }

    /**
     * Per method, the mean share of (node, input, op) pairs that two runs' derived cells hold in
     * common, beside two random cells' share: agreement near chance says the cells are noise.
     */
    private static void agreement(Page page, List<RunFiles> runs) {
        Map<String, List<Genotype>> byMethod = new LinkedHashMap<>();
        Map<String, List<String>> ops = new LinkedHashMap<>();
        for (RunFiles r : runs) {
            r.genotype().ifPresent(g -> byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(g));
            ops.putIfAbsent(r.method(), r.ops().isEmpty() ? Primitives.DARTS : r.ops());
        }
        List<List<String>> rows = new ArrayList<>();
        byMethod.forEach((method, cells) -> {
            if (cells.size() >= 2) {
                rows.add(List.of(method, Integer.toString(cells.size()),
                        String.format(Locale.ROOT, "%.3f", CellAgreement.meanPairwise(
                                cells.stream().map(Genotype::normal).toList())),
                        String.format(Locale.ROOT, "%.3f", CellAgreement.meanPairwise(
                                cells.stream().map(Genotype::reduce).toList())),
                        String.format(Locale.ROOT, "%.3f", CellAgreement.chance(cells.get(0).nodes(),
                                ops.get(method)))));
            }
        });
        if (!rows.isEmpty()) {
            page.section("agreement", "Agreement across seeds");
            page.paragraph("Mean share of (node, input, op) pairs that two runs' derived cells hold in common, "
                    + "over every pair of runs of a method; chance is the share two uniformly random cells of the "
                    + "space hold in common.");
            page.table(List.of("method", "runs", "normal", "reduce", "chance"), rows);
        }
    }

    /** One palette colour per method, a lighter or darker shade per further run of that method. */
    private static Map<String, Color> colors(List<RunFiles> runs) {
        Map<String, Integer> methodIndex = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, Color> out = new LinkedHashMap<>();
        for (RunFiles r : runs) {
            int m = methodIndex.computeIfAbsent(r.method(), k -> methodIndex.size());
            int k = seen.merge(r.method(), 1, Integer::sum) - 1;
            Color base = r.method().equals("darts") ? new Color(0xd62728) : r.method().equals("prdarts")
                    ? new Color(0x1f77b4) : Charts.PALETTE.get((m + 2) % Charts.PALETTE.size());
            float[] hsb = Color.RGBtoHSB(base.getRed(), base.getGreen(), base.getBlue(), null);
            float shade = SHADES[k % SHADES.length];
            float brightness = Math.max(0.3f, Math.min(1f, hsb[2] + shade));
            float saturation = Math.max(0.25f, Math.min(1f, hsb[1] - Math.max(0, shade)));
            out.put(label(r), Color.getHSBColor(hsb[0], saturation, brightness));
        }
        return out;
    }

    private static String legend(Map<String, Color> colors) {
        StringBuilder sb = new StringBuilder("<p class=\"legend\">");
        colors.forEach((name, c) -> sb.append(String.format(Locale.ROOT,
                "<span><i style=\"background:#%02x%02x%02x\"></i>%s</span>", c.getRed(), c.getGreen(), c.getBlue(),
                Page.esc(name))));
        return sb.append("</p>\n").toString();
    }
}
