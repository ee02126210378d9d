package org.prdarts.search.relax;

import org.prdarts.repro.Labeled;

/**
 * Validated settings of the PR-DARTS hard-concrete gates.
 *
 * @param a           lower stretch limit (must be < 0); the paper and reference code use -0.1
 * @param b           upper stretch limit (must be > 1); the paper and reference code use 1.1
 * @param mode        how sampled gates become mixing weights
 * @param gateDropout probability, in [0, 1), that a gate is pushed down by 1 before the top-2
 *                    selection ({@link Mode#TOP2} only; the reference code uses 0.4)
 */
public record GateConfig(double a, double b, Mode mode, double gateDropout) {

    /** How sampled gates are applied to the candidate operations. */
    public enum Mode implements Labeled {
        /**
         * Reference code: keep the two largest (dropped-out) gates per edge as a 0/1 mask and pass
         * the gradient straight through them; only the two selected operations are computed.
         */
        TOP2,
        /** Paper eq. 7: every operation output is multiplied by its sampled gate. */
        FULL;

        @Override
        public String toString() {
            return label();
        }
    }

    public static final double DEFAULT_GATE_DROPOUT = 0.4;

    public GateConfig {
        HardConcrete.checkStretch(a, b);
        if (mode == null) {
            throw new IllegalArgumentException("gate-mode must be one of TOP2, FULL, found null");
        }
        if (!(gateDropout >= 0 && gateDropout < 1)) {
            throw new IllegalArgumentException("gate-dropout must be in [0, 1), found " + gateDropout);
        }
    }

    /** The reference-code settings: a = -0.1, b = 1.1, top-2 selection, gate dropout 0.4. */
    public static GateConfig defaults() {
        return new GateConfig(HardConcrete.DEFAULT_A, HardConcrete.DEFAULT_B, Mode.TOP2,
                DEFAULT_GATE_DROPOUT);
    }

    public GateConfig withMode(Mode newMode) {
        return new GateConfig(a, b, newMode, gateDropout);
    }

    public GateConfig withGateDropout(double newGateDropout) {
        return new GateConfig(a, b, mode, newGateDropout);
    }
}
