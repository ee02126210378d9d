package org.prdarts.report;

import com.google.gson.JsonObject;
import org.prdarts.space.CellTopology;

import java.util.ArrayList;
import java.util.List;

/**
 * The architecture weights of a search as figures: per cell type, the edges x operations table
 * of the last epoch (DARTS: the softmax mixing weights {@code weightsNormal}/{@code weightsReduce};
 * PR-DARTS: the gate logits beta, {@code betaNormal}/{@code betaReduce}, whose meaning does not move
 * with the temperature; runs written before these were kept show P(g != 0) at the epoch's tau,
 * {@code pNonZeroNormal}/{@code pNonZeroReduce}) and the skip_connect column
 * of that table over the epochs, one line per edge. Pure functions of the metrics.
 */
public final class SearchStory {
    /** The metrics fields holding a table, in the order they are looked for. */
    private static final String[][] KEYS = {{"betaNormal", "pNonZeroNormal", "weightsNormal"},
        {"betaReduce", "pNonZeroReduce", "weightsReduce"}};

    private SearchStory() {
    }

    /** An edges x operations table with its labels; {@code quantity} names what the values are. */
    public record Table(String quantity, List<String> edges, List<String> ops, double[][] values) {
    }

    /** The metrics field of a cell type's table in this run, or null where the metrics hold none. */
    public static String key(RunFiles run, boolean reduction) {
        for (String k : KEYS[reduction ? 1 : 0]) {
            for (JsonObject r : run.metrics()) {
                if (r.has(k)) {
                    return k;
                }
            }
        }
        return null;
    }

    /** What a table's values are, by its field name. */
    public static String quantity(String key) {
        if (key.startsWith("beta")) {
            return "gate logit beta";
        }
        return key.startsWith("pNonZero") ? "P(g != 0) at the epoch's tau" : "softmax weight";
    }

    /** The table of the last epoch that holds one, or null. */
    public static Table lastTable(RunFiles run, boolean reduction) {
        String key = key(run, reduction);
        if (key == null) {
            return null;
        }
        for (int i = run.metrics().size() - 1; i >= 0; i--) {
            double[][] t = RunFiles.table(run.metrics().get(i), key);
            if (t != null && t.length > 0) {
                return new Table(quantity(key), edgeLabels(t.length), opLabels(run.ops(), t[0].length), t);
            }
        }
        return null;
    }

    /**
     * The skip_connect value of every edge per epoch (one array per edge, NaN where an epoch lacks
     * the table), or an empty list where the run has no table or no skip_connect operation.
     */
    public static List<double[]> skipTrajectories(RunFiles run, boolean reduction) {
        String key = key(run, reduction);
        int skip = run.ops().indexOf("skip_connect");
        if (key == null || skip < 0) {
            return List.of();
        }
        int epochs = run.metrics().size();
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < epochs; i++) {
            double[][] t = RunFiles.table(run.metrics().get(i), key);
            if (t == null) {
                continue;
            }
            while (out.size() < t.length) {
                double[] line = new double[epochs];
                java.util.Arrays.fill(line, Double.NaN);
                out.add(line);
            }
            for (int e = 0; e < t.length; e++) {
                out.get(e)[i] = skip < t[e].length ? t[e][skip] : Double.NaN;
            }
        }
        return out;
    }

    /** "c_{k-1} -> 2" style labels of the edges of a cell with {@code edges} edges, in DARTS order. */
    public static List<String> edgeLabels(int edges) {
        int nodes = 1;
        while (new CellTopology(nodes).edges() < edges) {
            nodes++;
        }
        CellTopology topology = new CellTopology(nodes);
        List<String> out = new ArrayList<>();
        for (int e = 0; e < edges; e++) {
            int input = topology.inputOf(e);
            String from = input == 0 ? "c_{k-2}" : input == 1 ? "c_{k-1}" : Integer.toString(input - 2);
            out.add(from + " -> " + topology.nodeOf(e));
        }
        return out;
    }

    private static List<String> opLabels(List<String> ops, int columns) {
        if (ops.size() == columns) {
            return ops;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            out.add("op " + i);
        }
        return out;
    }
}
