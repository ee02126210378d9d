package org.prdarts.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.jfree.chart.JFreeChart;
import org.prdarts.search.Method;
import org.prdarts.space.CellStats;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report page of one search or training run: its cells, its curves, for a search the story of
 * the architecture weights, for training the per-class accuracy and the confusion matrix, then
 * every other number of the metrics, the configuration, provenance, memory and files.
 */
final class RunReport {

    /** A chart of several metrics fields sharing an axis. */
    private record Group(String id, String title, String yLabel, String[] keys, String[] names) {
        boolean counts() {
            return yLabel.equals("count") || yLabel.startsWith("nodes");
        }
    }

    private static final List<Group> SEARCH_CURVES = List.of(
            new Group("loss", "Loss", "cross-entropy", new String[] {"trainLoss", "validLoss"},
                    new String[] {"train (weight half)", "valid (architecture half)"}),
            new Group("accuracy", "Accuracy", "accuracy", new String[] {"trainAcc", "validAcc", "derivedHeldOutAcc"},
                    new String[] {"train (weight half)", "valid (architecture half, the method's own supernet)",
                        "derived cell's discrete network, held-out half, BatchNorm on batch statistics"}),
            new Group("lr", "Weight learning rate", "learning rate", new String[] {"lr"}, new String[] {"lr"}),
            new Group("hessian", "Dominant eigenvalue of the architecture Hessian (Zela et al. 2020)", "eigenvalue",
                    new String[] {"archHessianEigenvalue"}, new String[] {"architecture batch's loss"}),
            new Group("tau", "Gate temperature tau", "tau", new String[] {"tau"}, new String[] {"tau"}));
    private static final List<Group> SEARCH_STORY = List.of(
            new Group("skips", "skip_connect in the derived cells", "count",
                    new String[] {"skipNormal", "skipReduce", "referenceSkipNormal"},
                    new String[] {"normal", "reduction", "normal, reference-code ranking"}),
            new Group("pdepth", "Parametric depth of the derived cells", "convolutions on the longest path",
                    new String[] {"parametricDepthNormal", "parametricDepthReduce", "referenceParametricDepthNormal"},
                    new String[] {"normal", "reduction", "normal, reference-code ranking"}),
            new Group("depth", "Node depth of the derived normal cell (skips included)", "nodes on the longest chain",
                    new String[] {"nodeDepthNormal", "referenceNodeDepthNormal"},
                    new String[] {"normal", "normal, reference-code ranking"}),
            new Group("decided", "Decided nodes: beyond the calibrated shuffled-label null and beyond the "
                    + "analytic bound", "nodes", new String[] {"decidedBeyondNullNormal", "decidedNodesNormal",
                        "decidedBeyondNullReduce", "decidedNodesReduce"},
                    new String[] {"normal, null", "normal, analytic", "reduction, null", "reduction, analytic"}),
            new Group("meanbeta", "Mean gate logit beta of skip and non-skip operations", "beta",
                    new String[] {"meanBetaSkipNormal", "meanBetaNonSkipNormal", "meanBetaSkipReduce",
                        "meanBetaNonSkipReduce"},
                    new String[] {"skip, normal", "non-skip, normal", "skip, reduction", "non-skip, reduction"}),
            new Group("ptau1", "Mean P(g != 0) at tau = 1 of skip and non-skip operations", "probability",
                    new String[] {"pAtTau1SkipNormal", "pAtTau1NonSkipNormal", "pAtTau1SkipReduce",
                        "pAtTau1NonSkipReduce"},
                    new String[] {"skip, normal", "non-skip, normal", "skip, reduction", "non-skip, reduction"}),
            new Group("meanp", "Mean P(g != 0) at the epoch's tau (moves with the temperature alone)", "probability",
                    new String[] {"meanPAtTauSkipNormal", "meanPAtTauNonSkipNormal", "meanPAtTauSkipReduce",
                        "meanPAtTauNonSkipReduce"},
                    new String[] {"skip, normal", "non-skip, normal", "skip, reduction", "non-skip, reduction"}));
    private static final List<Group> TRAIN_CURVES = List.of(
            new Group("loss", "Loss", "cross-entropy", new String[] {"trainLoss", "testLoss"},
                    new String[] {"train", "test"}),
            new Group("accuracy", "Accuracy", "accuracy", new String[] {"trainAcc", "testAcc"},
                    new String[] {"train", "test"}),
            new Group("lr", "Learning rate", "learning rate", new String[] {"lr"}, new String[] {"lr"}),
            new Group("droppath", "Drop-path probability", "probability", new String[] {"dropPath"},
                    new String[] {"drop path"}));
    /** Fields shown elsewhere or not plotted as a number per epoch. */
    private static final Set<String> NOT_CURVES = Set.of("epoch", "method", "genotype", "referenceGenotype",
            "weightsNormal", "weightsReduce", "pNonZeroNormal", "pNonZeroReduce", "betaNormal", "betaReduce",
            "pNonZeroAtTauNormal", "pNonZeroAtTauReduce");

    private static final int CHART_W_WIDE = 620;
    private static final int SMALL_W = 420;
    private static final int SMALL_H = 260;

    private RunReport() {
    }

    static String html(RunFiles run, Path reportDir) {
        boolean search = run.kind() == RunFiles.Kind.SEARCH;
        String name = run.dir().toAbsolutePath().normalize().getFileName().toString();
        Page page = new Page((search ? "Search " : "Training ") + name);
        Integer planned = run.plannedEpochs();
        int done = run.metrics().size();
        String status = run.finished() ? "finished: " + done + " epochs"
                : "not finished (interrupted or still running): " + done + " of "
                + (planned == null ? "?" : planned) + " epochs written";
        page.header((search ? displayName(run.method()) + " search: " : "Training: ") + name,
                status + " | " + run.dir().toAbsolutePath().normalize(), run.finished());
        cells(page, run, search);
        Set<String> shown = new HashSet<>(NOT_CURVES);
        page.section("curves", "Curves per epoch");
        groups(page, run, search ? SEARCH_CURVES : TRAIN_CURVES, shown);
        if (search) {
            nested(page, run, "regularizers", "Regularizer values (epoch means)", "fig-regularizers", shown);
            nested(page, run, "archGradientShares", "Each term's share of the architecture gradient norm (epoch means)",
                    "fig-gradient-shares", shown);
            story(page, run, shown);
        } else {
            evaluation(page, run);
        }
        others(page, run, shown);
        page.runSections(run, reportDir);
        return page.html();
    }

    /** The method's display name ("PR-DARTS"), or the method as written if it names none. */
    static String displayName(String method) {
        try {
            return Method.parse("method", method).displayName();
        } catch (IllegalArgumentException e) {
            // a run directory written by another version may name a method this one lacks
            return method;
        }
    }

    /** The derived cells, drawn; also what normal.svg and reduce.svg hold. */
    private static void cells(Page page, RunFiles run, boolean search) {
        page.section("cells", search ? "Derived cells" : "Cells of the trained network");
        Genotype g = run.genotype().orElse(null);
        if (g == null) {
            page.paragraph("No cell yet: no epoch has finished.");
            return;
        }
        if (search && !run.finished()) {
            page.paragraph("The cells derived at the last finished epoch (the search has not written its final "
                    + "genotype).");
        }
        page.raw("<p><code>" + Page.esc(GenotypeFormat.format(g)) + "</code></p>\n");
        legend(page);
        page.openFigures();
        for (boolean reduction : new boolean[] {false, true}) {
            cellFigure(page, g, reduction, reduction ? "cell-reduce" : "cell-normal", null);
        }
        page.closeFigures();
    }

    /** The colour legend of operation families. */
    static void legend(Page page) {
        StringBuilder sb = new StringBuilder("<p class=\"legend\">");
        for (String[] fam : new String[][] {{"sep_conv_3x3", "separable conv"}, {"dil_conv_3x3", "dilated conv"},
                {"max_pool_3x3", "pooling"}, {"skip_connect", "skip_connect (dashed)"}, {null, "into c_{k}"}}) {
            java.awt.Color c = CellDiagram.color(fam[0]);
            sb.append(String.format(Locale.ROOT, "<span><i style=\"background:#%02x%02x%02x\"></i>%s</span>",
                    c.getRed(), c.getGreen(), c.getBlue(), Page.esc(fam[1])));
        }
        page.raw(sb.append("</p>\n").toString());
    }

    static void cellFigure(Page page, Genotype g, boolean reduction, String id, String caption) {
        CellDiagram d = CellDiagram.of(g, reduction);
        List<Genotype.Pair> cell = g.cell(reduction);
        String text = caption != null ? caption : String.format(Locale.ROOT, "%s: %d skip_connect, parametric depth %d, node depth %d",
                d.title(), CellStats.skipCount(cell), CellStats.parametricDepth(cell), CellStats.nodeDepth(cell));
        page.figure(id, d.svg(id + "-svg"), text, Map.of("cell", reduction ? "reduce" : "normal",
                "edges", Integer.toString(d.operationEdges().size())));
    }

    private static void groups(Page page, RunFiles run, List<Group> groups, Set<String> shown) {
        page.openFigures();
        for (Group gr : groups) {
            List<Charts.Series> series = new ArrayList<>();
            for (int i = 0; i < gr.keys().length; i++) {
                shown.add(gr.keys()[i]);
                if (run.hasSeries(gr.keys()[i])) {
                    series.add(new Charts.Series(gr.names()[i], run.epochs(), run.series(gr.keys()[i])));
                }
            }
            if (!series.isEmpty()) {
                JFreeChart chart = Charts.lines(gr.title(), "epoch", gr.yLabel(), series);
                page.chart("fig-" + gr.id(), gr.counts() ? Charts.integerTicks(chart) : chart,
                        gr.title() + " (" + String.join(", ", List.of(gr.keys())) + ")");
            }
        }
        page.closeFigures();
    }

    /** One chart per member of a field holding an object of numbers per epoch (e.g. the regularizers). */
    private static void nested(Page page, RunFiles run, String key, String title, String stem, Set<String> shown) {
        Map<String, double[]> lines = nestedSeries(run, key);
        shown.add(key);
        if (lines.isEmpty()) {
            return;
        }
        page.raw("<h3>" + Page.esc(title) + "</h3>\n");
        page.openFigures();
        // names come from the run's files, which users share: ids are numbered, the names are data
        int[] n = {0};
        lines.forEach((k, v) -> page.chart(stem + "-" + (++n[0]), Charts.lines(key + ": " + k, "epoch", k,
                List.of(new Charts.Series(k, run.epochs(), v))), title + ": " + k + " (" + key + "." + k + ")",
                SMALL_W, SMALL_H, Map.of("metric", key + "." + k)));
        page.closeFigures();
    }

    private static Map<String, double[]> nestedSeries(RunFiles run, String key) {
        Map<String, double[]> out = new LinkedHashMap<>();
        List<JsonObject> m = run.metrics();
        for (int i = 0; i < m.size(); i++) {
            JsonObject o = RunFiles.sub(m.get(i), key);
            if (o == null) {
                continue;
            }
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                double v = RunFiles.number(e.getValue());
                double[] line = out.computeIfAbsent(e.getKey(), k -> {
                    double[] a = new double[m.size()];
                    java.util.Arrays.fill(a, Double.NaN);
                    return a;
                });
                line[i] = v;
            }
        }
        return out;
    }

    /** Skip count and depth per epoch, the weight tables of the last epoch, the skip trajectories. */
    private static void story(Page page, RunFiles run, Set<String> shown) {
        page.section("story", "The search's story");
        groups(page, run, SEARCH_STORY, shown);
        page.openFigures();
        for (boolean reduction : new boolean[] {false, true}) {
            String cell = reduction ? "reduction" : "normal";
            SearchStory.Table t = SearchStory.lastTable(run, reduction);
            if (t == null) {
                continue;
            }
            String id = "fig-heatmap-" + (reduction ? "reduce" : "normal");
            JFreeChart chart = Charts.heatmap(t.quantity() + ", " + cell + " cell, last epoch", "edge", t.edges(),
                    "operation", t.ops(), t.values(), range(t)[0], range(t)[1], t.quantity().startsWith("P(") ? "%.2f"
                            : "%.3f");
            page.chart(id, chart, "Edges x operations of the " + cell + " cell at the last epoch: " + t.quantity()
                    + " (" + SearchStory.key(run, reduction) + ")", CHART_W_WIDE, 140 + 24 * t.edges().size());
        }
        for (boolean reduction : new boolean[] {false, true}) {
            String cell = reduction ? "reduction" : "normal";
            List<double[]> lines = SearchStory.skipTrajectories(run, reduction);
            String key = SearchStory.key(run, reduction);
            if (lines.isEmpty()) {
                continue;
            }
            List<String> labels = SearchStory.edgeLabels(lines.size());
            List<Charts.Series> series = new ArrayList<>();
            for (int e = 0; e < lines.size(); e++) {
                series.add(new Charts.Series(labels.get(e), run.epochs(), lines.get(e)));
            }
            String title = "skip_connect " + SearchStory.quantity(key) + " per edge, " + cell + " cell";
            page.chart("fig-skip-" + (reduction ? "reduce" : "normal"),
                    Charts.lines(title, "epoch", SearchStory.quantity(key), series), title, CHART_W_WIDE, 380);
        }
        page.closeFigures();
    }


    /** P(g != 0) on 0..1; softmax weights (all near 1/8 early on) from their smallest to their largest value. */
    private static double[] range(SearchStory.Table t) {
        if (t.quantity().startsWith("P(")) {
            return new double[] {0, 1};
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : t.values()) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {0, 1};
    }

    /** Per-class accuracy and the confusion matrix of the latest test-set evaluation. */
    private static void evaluation(Page page, RunFiles run) {
        page.section("evaluation", "Test-set evaluation");
        JsonObject e = run.eval();
        if (e == null || !e.has("classes") || !e.has("confusion")) {
            page.paragraph("No eval.json yet: it is written after every epoch's test pass.");
            return;
        }
        List<String> classes = e.getAsJsonArray("classes").asList().stream().map(JsonElement::getAsString).toList();
        double[][] confusion = RunFiles.table(e, "confusion");
        double[] perClass = new double[classes.size()];
        JsonObject pc = RunFiles.sub(e, "perClassAccuracy");
        for (int i = 0; i < classes.size(); i++) {
            perClass[i] = pc == null ? Double.NaN : RunFiles.number(pc.get(classes.get(i)));
        }
        page.paragraph(String.format(Locale.ROOT, "Test accuracy %.2f %% over %s images, loss %.4f.",
                100 * RunFiles.number(e.get("accuracy")), e.has("images") ? e.get("images").getAsString() : "?",
                RunFiles.number(e.get("loss"))));
        page.openFigures();
        page.chart("fig-perclass", Charts.bars("Per-class accuracy", "class", "accuracy", classes, perClass),
                "Accuracy per true class (eval.json perClassAccuracy)");
        double max = 1;
        for (double[] row : confusion) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        page.chart("fig-confusion", Charts.heatmap("Confusion matrix", "true class", classes, "predicted class",
                        classes, confusion, 0, max, "%.0f"),
                "Rows: true class, columns: predicted class; counts of test images (eval.json confusion)",
                140 + 52 * classes.size(), 160 + 40 * classes.size());
        page.closeFigures();
    }

    /** Every other numeric field, one chart each: metrics added later show up here unchanged. */
    private static void others(Page page, RunFiles run, Set<String> shown) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonObject r : run.metrics()) {
            keys.addAll(r.keySet());
        }
        keys.removeAll(shown);
        List<String> scalar = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        for (String k : keys) {
            if (run.hasSeries(k)) {
                scalar.add(k);
            } else if (!nestedSeries(run, k).isEmpty()) {
                objects.add(k);
            }
        }
        if (scalar.isEmpty() && objects.isEmpty()) {
            return;
        }
        page.section("more", "Other metrics");
        page.openFigures();
        for (String k : scalar) {
            page.chart(page.nextId("fig-m"), Charts.lines(k, "epoch", k,
                    List.of(new Charts.Series(k, run.epochs(), run.series(k)))), k + " per epoch", SMALL_W, SMALL_H,
                    Map.of("metric", k));
        }
        page.closeFigures();
        for (String k : objects) {
            nested(page, run, k, k, page.nextId("fig-nested"), shown);
        }
    }
}
