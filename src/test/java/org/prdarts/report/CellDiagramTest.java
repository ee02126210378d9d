package org.prdarts.report;

import org.junit.jupiter.api.Test;
import org.prdarts.space.Genotype;
import org.prdarts.space.Genotypes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diagrams of the published cells hold exactly the published arrows and labels. */
class CellDiagramTest {

    /** "from -> to op" of every labelled arrow, as the papers print the cells (inputs 0, 1 = c_{k-2}, c_{k-1}). */
    private static final List<String> PRDARTS_NORMAL = List.of(
            "c_{k-2} -> 0 skip_connect", "c_{k-1} -> 0 sep_conv_3x3",
            "0 -> 1 dil_conv_3x3", "c_{k-2} -> 1 sep_conv_3x3",
            "1 -> 2 dil_conv_3x3", "c_{k-1} -> 2 sep_conv_3x3",
            "2 -> 3 dil_conv_3x3", "c_{k-1} -> 3 dil_conv_3x3");
    private static final List<String> PRDARTS_REDUCE = List.of(
            "c_{k-2} -> 0 avg_pool_3x3", "c_{k-1} -> 0 dil_conv_5x5",
            "c_{k-2} -> 1 sep_conv_3x3", "0 -> 1 dil_conv_5x5",
            "c_{k-1} -> 2 sep_conv_5x5", "1 -> 2 dil_conv_3x3",
            "2 -> 3 dil_conv_5x5", "c_{k-1} -> 3 dil_conv_5x5");
    private static final List<String> DARTS_V2_NORMAL = List.of(
            "c_{k-2} -> 0 sep_conv_3x3", "c_{k-1} -> 0 sep_conv_3x3",
            "c_{k-2} -> 1 sep_conv_3x3", "c_{k-1} -> 1 sep_conv_3x3",
            "c_{k-1} -> 2 sep_conv_3x3", "c_{k-2} -> 2 skip_connect",
            "c_{k-2} -> 3 skip_connect", "0 -> 3 dil_conv_3x3");
    private static final List<String> DARTS_V2_REDUCE = List.of(
            "c_{k-2} -> 0 max_pool_3x3", "c_{k-1} -> 0 max_pool_3x3",
            "0 -> 1 skip_connect", "c_{k-1} -> 1 max_pool_3x3",
            "c_{k-2} -> 2 max_pool_3x3", "0 -> 2 skip_connect",
            "0 -> 3 skip_connect", "c_{k-1} -> 3 max_pool_3x3");

    private static final Pattern OP_GROUP = Pattern.compile(
            "<g class='edge op' data-from='([^']*)' data-to='([^']*)' data-op='([^']*)'>");

    @Test
    void publishedCellsHaveThePublishedArrows() {
        check(Genotypes.PRDARTS, false, PRDARTS_NORMAL);
        check(Genotypes.PRDARTS, true, PRDARTS_REDUCE);
        check(Genotypes.DARTS_V2, false, DARTS_V2_NORMAL);
        check(Genotypes.DARTS_V2, true, DARTS_V2_REDUCE);
    }

    private static void check(Genotype g, boolean reduction, List<String> expected) {
        CellDiagram d = CellDiagram.of(g, reduction);
        List<String> arrows = new ArrayList<>();
        for (CellDiagram.Edge e : d.operationEdges()) {
            arrows.add(d.nodes().get(e.from()).label() + " -> " + d.nodes().get(e.to()).label() + " " + e.op());
        }
        assertEquals(expected, arrows);
        // the SVG: one group per labelled arrow, in order, with its label drawn as text
        String svg = d.svg("t");
        Matcher m = OP_GROUP.matcher(svg);
        List<String> drawn = new ArrayList<>();
        while (m.find()) {
            drawn.add(m.group(1) + " -> " + m.group(2) + " " + m.group(3));
        }
        assertEquals(expected, drawn);
        for (String op : List.of("skip_connect", "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5",
                "max_pool_3x3", "avg_pool_3x3")) {
            long labels = expected.stream().filter(a -> a.endsWith(" " + op)).count();
            assertEquals(labels, count(svg, ">" + op + "</text>"), op + " labels in " + d.title());
        }
        // four arrows into c_{k}, one per concatenated node
        assertEquals(4, count(svg, "<g class='edge concat'"));
        assertEquals(4, d.edges().size() - d.operationEdges().size());
        // node boxes inside the picture and apart from each other
        for (CellDiagram.Node a : d.nodes()) {
            assertTrue(a.x() - a.width() / 2 >= 0 && a.x() + a.width() / 2 <= d.width(), a.toString());
            assertTrue(a.y() > 0 && a.y() < d.height(), a.toString());
            for (CellDiagram.Node b : d.nodes()) {
                if (a != b) {
                    assertTrue(Math.abs(a.x() - b.x()) > (a.width() + b.width()) / 2 || Math.abs(a.y() - b.y()) > 30,
                            a + " overlaps " + b);
                }
            }
        }
    }

    @Test
    void nodesSitInTheColumnOfTheirDepth() {
        // PRDARTS normal is a chain 0 -> 1 -> 2 -> 3: four columns after the inputs
        CellDiagram d = CellDiagram.of(Genotypes.PRDARTS, false);
        double previous = d.nodes().get(1).x();
        for (int s = 2; s <= 6; s++) {
            assertTrue(d.nodes().get(s).x() > previous, "state " + s + " right of state " + (s - 1));
            previous = d.nodes().get(s).x();
        }
        // DARTS_V2 normal: nodes 0, 1, 2 read only the inputs and share a column
        CellDiagram v2 = CellDiagram.of(Genotypes.DARTS_V2, false);
        assertEquals(v2.nodes().get(2).x(), v2.nodes().get(3).x());
        assertEquals(v2.nodes().get(2).x(), v2.nodes().get(4).x());
    }

    @Test
    void graphvizFileHoldsBothCells() {
        String dot = CellDiagram.dot(Genotypes.PRDARTS);
        assertTrue(dot.startsWith("digraph cells {"), dot);
        assertEquals(16, dot.lines().filter(l -> l.contains(" -> ") && l.contains("[label=")).count(),
                "eight labelled arrows per cell");
        assertEquals(14, dot.lines().filter(l -> !l.contains(" -> ") && l.contains("fillcolor=")).count(),
                "seven nodes per cell");
        assertEquals(8, count(dot, "[fillcolor=gray]"), "four arrows into c_{k} per cell");
        assertTrue(dot.contains("\"normal_c_{k-2}\" -> \"normal_0\" [label=\"skip_connect\""), dot);
        assertTrue(dot.contains("\"reduce_c_{k-1}\" -> \"reduce_3\" [label=\"dil_conv_5x5\""), dot);
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
