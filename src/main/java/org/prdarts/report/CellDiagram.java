package org.prdarts.report;

import org.prdarts.space.CellStats;
import org.prdarts.space.Genotype;
import org.prdarts.space.ops.Primitives;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One derived cell drawn as DARTS draws it (its {@code visualize.py} with Graphviz): the inputs
 * c_{k-2} and c_{k-1}, the intermediate nodes 0..N-1, the output c_{k}, one arrow per kept
 * (operation, input) pair labelled with the operation, and unlabelled arrows from the
 * concatenated nodes to c_{k}. The layout is computed here, so no Graphviz is needed: a node sits
 * in the column of its depth (the longest path from the inputs, as Graphviz ranks it), arrows that
 * skip columns bend around the nodes between, and two arrows between the same pair of nodes bend
 * apart. Edges are coloured by operation family; skip_connect is red and dashed.
 *
 * <p>The drawing goes to any {@link Graphics2D}: {@link #svg} through JFreeSVG (each arrow a
 * {@code <g class="edge op">} with {@code data-op}, {@code data-from}, {@code data-to}; each
 * concatenation arrow a {@code <g class="edge concat">}), {@link #png} through a bitmap.
 */
public final class CellDiagram {
    private static final Font NODE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final double COLUMN = 170;
    private static final double ROW = 80;
    /** Where along an arrow its label may go, in order of preference. */
    private static final double[] LABEL_T = {0.5, 0.62, 0.38, 0.72, 0.28, 0.8, 0.2};
    private static final double NODE_H = 30;
    private static final double MARGIN = 20;
    private static final double TITLE_H = 26;
    private static final Color INPUT_FILL = new Color(0xb4, 0xee, 0xb4);   // Graphviz darkseagreen2, as DARTS
    private static final Color NODE_FILL = new Color(0xad, 0xd8, 0xe6);    // lightblue
    private static final Color OUTPUT_FILL = new Color(0xee, 0xe8, 0xaa);  // palegoldenrod
    private static final Color CONCAT = new Color(0x99, 0x99, 0x99);

    /** A box of the diagram; {@code state} follows the genotype's numbering, the output is N + 2. */
    public record Node(int state, String label, double x, double y, double width) {
    }

    /**
     * One arrow; {@code op} is null for an arrow into c_{k}. {@code bend} is the vertical offset
     * of the curve's control points (0 = straight).
     */
    public record Edge(int from, int to, String op, double bend, double labelT) {
    }

    private final String title;
    private final List<Node> nodes;
    private final List<Edge> edges;
    private final double width;
    private final double height;

    private CellDiagram(String title, List<Node> nodes, List<Edge> edges, double width, double height) {
        this.title = title;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.width = width;
        this.height = height;
    }

    /** The diagram of the normal or reduction cell of a genotype, titled "normal cell" / "reduction cell". */
    public static CellDiagram of(Genotype genotype, boolean reduction) {
        return of(reduction ? "reduction cell" : "normal cell", genotype.cell(reduction), genotype.concat(reduction));
    }

    /**
     * Lays out one cell.
     *
     * @param cell   two (operation, input) pairs per intermediate node, DARTS numbering
     * @param concat the states concatenated into c_{k}
     * @throws org.prdarts.space.GenotypeException if an input is out of range
     */
    public static CellDiagram of(String title, List<Genotype.Pair> cell, List<Integer> concat) {
        int[] depth = CellStats.nodeDepths(cell);
        int n = depth.length;
        int output = n + 2;
        int columns = 0;
        for (int d : depth) {
            columns = Math.max(columns, d);
        }
        // states per column: inputs in column 0, node i in column depth[i], the output last
        List<List<Integer>> byColumn = new ArrayList<>();
        for (int c = 0; c <= columns + 1; c++) {
            byColumn.add(new ArrayList<>());
        }
        byColumn.get(0).add(0);
        byColumn.get(0).add(1);
        for (int i = 0; i < n; i++) {
            byColumn.get(depth[i]).add(i + 2);
        }
        byColumn.get(columns + 1).add(output);
        int rows = 0;
        for (List<Integer> col : byColumn) {
            rows = Math.max(rows, col.size());
        }
        // room above and below the rows for arrows that bend around nodes
        double band = Math.max(40, bendSize(columns) + 16);
        double top = MARGIN + TITLE_H + band;
        double rowsHeight = (rows - 1) * ROW;
        Map<Integer, Node> placed = new LinkedHashMap<>();
        FontMetrics fm = metrics(NODE_FONT);
        for (int c = 0; c < byColumn.size(); c++) {
            List<Integer> col = byColumn.get(c);
            double offset = (rowsHeight - (col.size() - 1) * ROW) / 2;
            for (int r = 0; r < col.size(); r++) {
                int s = col.get(r);
                String label = stateLabel(s, n);
                double w = Math.max(44, fm.stringWidth(label) + 20);
                placed.put(s, new Node(s, label, MARGIN + 40 + c * COLUMN, top + offset + r * ROW, w));
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (int s = 0; s <= output; s++) {
            nodes.add(placed.get(s));
        }
        double centre = top + rowsHeight / 2;
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Genotype.Pair a = cell.get(2 * i);
            Genotype.Pair b = cell.get(2 * i + 1);
            boolean parallel = a.input() == b.input();
            for (int k = 0; k < 2; k++) {
                Genotype.Pair p = cell.get(2 * i + k);
                Node from = nodes.get(p.input());
                Node to = nodes.get(i + 2);
                double bend = bend(from, to, centre, p.input() + i);
                if (parallel) {
                    bend += k == 0 ? -22 : 22;
                }
                edges.add(new Edge(p.input(), i + 2, p.op(), bend, 0.5));
            }
        }
        edges = placeLabels(nodes, edges);
        for (int s : concat) {
            edges.add(new Edge(s, output, null, bend(nodes.get(s), nodes.get(output), centre, s), 0.5));
        }
        double right = 0;
        for (Node node : nodes) {
            right = Math.max(right, node.x() + node.width() / 2);
        }
        return new CellDiagram(title, nodes, edges, right + MARGIN + 20, top + rowsHeight + band + MARGIN);
    }

    /** Puts each label at the first position along its arrow that overlaps no node and no earlier label. */
    private static List<Edge> placeLabels(List<Node> nodes, List<Edge> edges) {
        FontMetrics fm = metrics(LABEL_FONT);
        List<Rectangle2D> taken = new ArrayList<>();
        for (Node node : nodes) {
            taken.add(new Rectangle2D.Double(node.x() - node.width() / 2, node.y() - NODE_H / 2, node.width(), NODE_H));
        }
        List<Edge> out = new ArrayList<>();
        for (Edge e : edges) {
            double best = LABEL_T[0];
            Rectangle2D bestBox = null;
            for (double t : LABEL_T) {
                Rectangle2D box = labelBox(nodes, e, t, fm);
                if (taken.stream().noneMatch(box::intersects)) {
                    best = t;
                    bestBox = box;
                    break;
                }
            }
            taken.add(bestBox != null ? bestBox : labelBox(nodes, e, best, fm));
            out.add(new Edge(e.from(), e.to(), e.op(), e.bend(), best));
        }
        return out;
    }

    private static Rectangle2D labelBox(List<Node> nodes, Edge e, double t, FontMetrics fm) {
        Point2D p = curve(nodes, e).pointAt(t);
        double w = fm.stringWidth(e.op()) + 6;
        double h = fm.getAscent() + 4;
        return new Rectangle2D.Double(p.getX() - w / 2, p.getY() - h / 2, w, h);
    }

    /** The arrow's curve: a cubic leaving the source and entering the target horizontally. */
    private record Curve(double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3) {
        Point2D pointAt(double t) {
            double u = 1 - t;
            return new Point2D.Double(u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
                    u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3);
        }

        CubicCurve2D shape() {
            return new CubicCurve2D.Double(x0, y0, x1, y1, x2, y2, x3, y3);
        }
    }

    private static Curve curve(List<Node> nodes, Edge e) {
        Node from = nodes.get(e.from());
        Node to = nodes.get(e.to());
        double x0 = from.x() + from.width() / 2;
        double x3 = to.x() - to.width() / 2 - 6;
        double dx = (x3 - x0) / 2;
        double b = e.bend() * 1.33;
        return new Curve(x0, from.y(), x0 + dx, from.y() + b, x3 - dx, to.y() + b, x3, to.y());
    }

    /** Arrows spanning more than one column bend away from the row of nodes they would cross. */
    private static double bend(Node from, Node to, double centre, int parity) {
        double span = Math.round((to.x() - from.x()) / COLUMN);
        if (span <= 1 || Math.abs(from.y() - to.y()) > ROW * 0.9) {
            return 0;
        }
        double mid = (from.y() + to.y()) / 2;
        double sign = mid < centre - 1 ? -1 : mid > centre + 1 ? 1 : (parity % 2 == 0 ? -1 : 1);
        return sign * bendSize(span);
    }

    /** Longer arrows bend further, so two of them leaving one node do not overlap. */
    private static double bendSize(double span) {
        return 22 + 16 * span;
    }

    private static String stateLabel(int s, int n) {
        if (s == 0) {
            return "c_{k-2}";
        }
        if (s == 1) {
            return "c_{k-1}";
        }
        return s == n + 2 ? "c_{k}" : Integer.toString(s - 2);
    }

    public String title() {
        return title;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Every arrow, the labelled operation arrows first, then the arrows into c_{k}. */
    public List<Edge> edges() {
        return edges;
    }

    /** The labelled arrows: two per intermediate node. */
    public List<Edge> operationEdges() {
        return edges.stream().filter(e -> e.op() != null).toList();
    }

    public int width() {
        return (int) Math.ceil(width);
    }

    public int height() {
        return (int) Math.ceil(height);
    }

    /** The colour of an operation's family. */
    public static Color color(String op) {
        if (op == null) {
            return CONCAT;
        }
        if (op.equals(Primitives.SKIP_CONNECT)) {
            return new Color(0xd6, 0x27, 0x28);
        }
        if (op.startsWith("sep_conv")) {
            return new Color(0x1f, 0x77, 0xb4);
        }
        if (op.startsWith("dil_conv")) {
            return new Color(0x94, 0x67, 0xbd);
        }
        if (op.contains("pool")) {
            return new Color(0x2c, 0xa0, 0x2c);
        }
        return new Color(0x7f, 0x7f, 0x7f);
    }

    /** This diagram as an {@code <svg>} element with the given id (unique within a page). */
    public String svg(String id) {
        return Charts.svg(id, width(), height(), g -> paint(g, true));
    }

    /** This diagram as a bitmap, {@code scale} pixels per unit. */
    public BufferedImage image(double scale) {
        return image(List.of(this), scale);
    }

    /** Several diagrams one below the other, as one {@code <svg>} element. */
    public static String svg(List<CellDiagram> diagrams, String id) {
        return Charts.svg(id, stackWidth(diagrams), stackHeight(diagrams), g -> paintStack(g, diagrams, true));
    }

    /** Several diagrams one below the other, as a bitmap. */
    public static BufferedImage image(List<CellDiagram> diagrams, double scale) {
        BufferedImage img = new BufferedImage((int) Math.ceil(stackWidth(diagrams) * scale),
                (int) Math.ceil(stackHeight(diagrams) * scale), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, stackWidth(diagrams), stackHeight(diagrams));
            paintStack(g, diagrams, false);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void paintStack(Graphics2D g, List<CellDiagram> diagrams, boolean groups) {
        java.awt.geom.AffineTransform start = g.getTransform();
        for (CellDiagram d : diagrams) {
            d.paint(g, groups);
            g.translate(0, d.height());
        }
        g.setTransform(start);
    }

    private static int stackWidth(List<CellDiagram> diagrams) {
        return diagrams.stream().mapToInt(CellDiagram::width).max().orElse(1);
    }

    private static int stackHeight(List<CellDiagram> diagrams) {
        return Math.max(1, diagrams.stream().mapToInt(CellDiagram::height).sum());
    }

    /** Draws the diagram; {@code groups} marks each arrow and node as an SVG group (JFreeSVG hints). */
    public void paint(Graphics2D g, boolean groups) {
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        g.setFont(TITLE_FONT);
        g.setColor(Color.BLACK);
        g.drawString(title, (float) MARGIN, (float) (MARGIN + 12));
        for (Edge e : edges) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("class", e.op() == null ? "edge concat" : "edge op");
            attrs.put("data-from", nodes.get(e.from()).label());
            attrs.put("data-to", nodes.get(e.to()).label());
            if (e.op() != null) {
                attrs.put("data-op", e.op());
            }
            begin(g, groups, attrs);
            drawEdge(g, e);
            end(g, groups);
        }
        for (Node node : nodes) {
            begin(g, groups, Map.of("class", "node", "data-label", node.label()));
            drawNode(g, node);
            end(g, groups);
        }
    }

    private static void begin(Graphics2D g, boolean groups, Map<String, String> attrs) {
        if (groups) {
            g.setRenderingHint(org.jfree.svg.SVGHints.KEY_BEGIN_GROUP, attrs);
        }
    }

    private static void end(Graphics2D g, boolean groups) {
        if (groups) {
            g.setRenderingHint(org.jfree.svg.SVGHints.KEY_END_GROUP, "");
        }
    }

    private void drawNode(Graphics2D g, Node node) {
        int n = nodes.size() - 3;
        Color fill = node.state() < 2 ? INPUT_FILL : node.state() == n + 2 ? OUTPUT_FILL : NODE_FILL;
        RoundRectangle2D box = new RoundRectangle2D.Double(node.x() - node.width() / 2, node.y() - NODE_H / 2,
                node.width(), NODE_H, 10, 10);
        g.setColor(fill);
        g.fill(box);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(box);
        g.setFont(NODE_FONT);
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(node.label(), (float) (node.x() - fm.stringWidth(node.label()) / 2.0),
                (float) (node.y() + fm.getAscent() / 2.0 - 2));
    }

    private void drawEdge(Graphics2D g, Edge e) {
        Curve curve = curve(nodes, e);
        Color color = color(e.op());
        boolean skip = Primitives.SKIP_CONNECT.equals(e.op());
        g.setColor(color);
        g.setStroke(skip ? new BasicStroke(2.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {7f, 4f}, 0f) : new BasicStroke(e.op() == null ? 1.2f : 1.8f));
        g.draw(curve.shape());
        // arrow head along the curve's final tangent (horizontal by construction)
        Path2D head = new Path2D.Double();
        head.moveTo(curve.x3() + 6, curve.y3());
        head.lineTo(curve.x3() - 3, curve.y3() - 4.5);
        head.lineTo(curve.x3() - 3, curve.y3() + 4.5);
        head.closePath();
        g.fill(head);
        if (e.op() != null) {
            g.setFont(LABEL_FONT);
            FontMetrics fm = g.getFontMetrics();
            Rectangle2D box = labelBox(nodes, e, e.labelT(), fm);
            g.setColor(new Color(255, 255, 255, 225));
            g.fill(new RoundRectangle2D.Double(box.getX(), box.getY(), box.getWidth(), box.getHeight(), 4, 4));
            g.setColor(color.darker());
            g.drawString(e.op(), (float) (box.getX() + 3), (float) (box.getY() + fm.getAscent() + 1));
        }
    }

    /**
     * The Graphviz form of this cell, as the body of a {@code subgraph cluster_<name>} (node names
     * prefixed by {@code name} so two cells share one graph); DARTS' colours and shapes.
     */
    public String dotCluster(String name) {
        StringBuilder sb = new StringBuilder();
        sb.append("  subgraph cluster_").append(name).append(" {\n");
        sb.append("    label=\"").append(title).append("\";\n");
        for (Node node : nodes) {
            int n = nodes.size() - 3;
            String fill = node.state() < 2 ? "darkseagreen2" : node.state() == n + 2 ? "palegoldenrod" : "lightblue";
            sb.append(String.format(Locale.ROOT, "    %s [label=\"%s\", fillcolor=%s];%n", dotId(name, node),
                    node.label(), fill));
        }
        for (Edge e : edges) {
            Node from = nodes.get(e.from());
            Node to = nodes.get(e.to());
            if (e.op() == null) {
                sb.append(String.format(Locale.ROOT, "    %s -> %s [fillcolor=gray];%n", dotId(name, from),
                        dotId(name, to)));
            } else {
                Color c = color(e.op());
                sb.append(String.format(Locale.ROOT, "    %s -> %s [label=\"%s\", color=\"#%02x%02x%02x\"%s];%n",
                        dotId(name, from), dotId(name, to), e.op(), c.getRed(), c.getGreen(), c.getBlue(),
                        Primitives.SKIP_CONNECT.equals(e.op()) ? ", style=dashed, penwidth=2" : ""));
            }
        }
        sb.append("  }\n");
        return sb.toString();
    }

    /** A Graphviz file holding the normal and the reduction cell of a genotype. */
    public static String dot(Genotype genotype) {
        return "digraph cells {\n"
                + "  rankdir=LR;\n"
                + "  node [style=\"rounded, filled\", shape=rect, align=center, fontname=helvetica, fontsize=20, "
                + "height=0.5, width=0.5, penwidth=2];\n"
                + "  edge [fontname=times, fontsize=20];\n"
                + of(genotype, false).dotCluster("normal")
                + of(genotype, true).dotCluster("reduce")
                + "}\n";
    }

    private static String dotId(String cluster, Node node) {
        return "\"" + cluster + "_" + node.label() + "\"";
    }

    private static FontMetrics metrics(Font font) {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
