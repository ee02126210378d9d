package org.prdarts.search.relax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.prdarts.engine.Constants;
import org.prdarts.repro.Rng;
import org.prdarts.supernet.Mixing;

/**
 * PR-DARTS: one independent hard-concrete gate per (edge, operation) instead of a per-edge softmax
 * (Zhou et al., NeurIPS 2020). Gates do not compete with each other, so raising the
 * skip gate no longer lowers the others.
 *
 * <p>Two ways of applying the sampled gates ({@link GateConfig.Mode}):
 * <ul>
 *   <li>{@code TOP2}, the default, follows the reference code: each gate is lowered by an
 *       independent Bernoulli(gateDropout) draw, ties are broken by a random permutation of the
 *       operation axis, and the two largest gates of each edge form a 0/1 mask m. The weight is
 *       {@code m + m * (g - stopGradient(g))}: its value is exactly m and the gradient reaches beta
 *       only through the selected gates. The reference code writes {@code m - stopGradient(g) + g},
 *       which also has a unit derivative for unselected gates, but it never computes unselected
 *       operations, so their weights never reach the loss; masking the straight-through term makes
 *       that explicit and keeps the gradient identical. Only the selected operations are computed,
 *       which is what makes a step about 4x cheaper than DARTS.</li>
 *   <li>{@code FULL}, the paper's eq. 7: the weight is g itself and every operation with a non-zero
 *       gate is computed.</li>
 * </ul>
 *
 * <p>All randomness comes from the given {@link Rng}, in this order: one uniform per gate
 * ({@link Rng#nextFloat()}, edges outer, operations inner); in {@code TOP2} with a positive dropout,
 * one Bernoulli per gate in the same order ({@code nextDouble() < gateDropout}); then one permutation
 * of the operation axis shared by all edges, as the reference code draws a single
 * {@code randperm} over the operations.
 *
 * <p>Returned arrays are attached to the manager of the logits (DJL attaches an operation's result
 * to its operand's manager); a caller that wants them freed per step temporarily attaches the
 * logits to the step's manager.
 */
public final class HardConcreteRelaxation implements Relaxation {

    /** Operations kept per edge in {@code TOP2} mode. */
    public static final int KEPT_PER_EDGE = 2;

    private final GateConfig config;

    public HardConcreteRelaxation(GateConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("gate config must not be null");
        }
        this.config = config;
    }

    public GateConfig config() {
        return config;
    }

    @Override
    public Mixing mix(NDArray logits, double tau, Rng rng) {
        HardConcrete.checkParameters(tau, config.a(), config.b());
        long[] shape = logits.getShape().getShape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("logits must be [edges, ops], found shape "
                    + logits.getShape());
        }
        int edges = (int) shape[0];
        int ops = (int) shape[1];
        float[] u = new float[edges * ops];
        for (int i = 0; i < u.length; i++) {
            u[i] = rng.nextFloat();
        }
        NDArray g = HardConcrete.sample(logits, tau, config.a(), config.b(), u);
        double[] gValues = hostValues(g);
        if (config.mode() == GateConfig.Mode.FULL) {
            return full(g, gValues, edges, ops);
        }
        return top2(g, gValues, edges, ops, rng);
    }

    /** P(g != 0) per (edge, op): the paper's derivation score, monotone in beta. */
    @Override
    public float[][] scores(NDArray logits, double tau) {
        return HardConcrete.probNonZeroTable(logits, tau, config.a(), config.b());
    }

    private static Mixing full(NDArray g, double[] gValues, int edges, int ops) {
        // A gate that is exactly 0 multiplies its op output by 0, and the clamp that produced it
        // has zero derivative there, so the op contributes nothing to the value or the gradient:
        // skipping it is exact, not an approximation.
        boolean[][] active = new boolean[edges][ops];
        for (int e = 0; e < edges; e++) {
            for (int t = 0; t < ops; t++) {
                active[e][t] = gValues[e * ops + t] != 0;
            }
        }
        return new Mixing(g, active);
    }

    private Mixing top2(NDArray g, double[] gValues, int edges, int ops, Rng rng) {
        double[] key = gValues.clone();
        if (config.gateDropout() > 0) {
            for (int i = 0; i < key.length; i++) {
                if (rng.nextDouble() < config.gateDropout()) {
                    key[i] -= 1;
                }
            }
        }
        int[] order = rng.permutation(ops);
        int kept = Math.min(KEPT_PER_EDGE, ops);
        boolean[][] active = new boolean[edges][ops];
        double[] mask = new double[edges * ops];
        for (int e = 0; e < edges; e++) {
            for (int k = 0; k < kept; k++) {
                int best = -1;
                for (int t : order) {
                    // Strict comparison: among equal keys the one earlier in the permutation wins.
                    if (!active[e][t] && (best < 0 || key[e * ops + t] > key[e * ops + best])) {
                        best = t;
                    }
                }
                active[e][best] = true;
                mask[e * ops + best] = 1;
            }
        }
        NDArray m = Constants.like(g, mask);
        // g - stopGradient(g) is exactly 0 in value, so the forward weight is exactly m.
        NDArray straightThrough = g.sub(g.stopGradient()).mul(m);
        return new Mixing(m.add(straightThrough), active);
    }

    /** Gate values on the host at the array's own precision, so "exactly 0" means the same. */
    private static double[] hostValues(NDArray g) {
        if (g.getDataType() == DataType.FLOAT64) {
            return g.toDoubleArray();
        }
        float[] f;
        if (g.getDataType() == DataType.FLOAT32) {
            f = g.toFloatArray();
        } else {
            try (NDArray floats = g.toType(DataType.FLOAT32, true)) {
                f = floats.toFloatArray();
            }
        }
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
