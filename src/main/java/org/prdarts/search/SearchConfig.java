package org.prdarts.search;

/**
 * Optimisation settings of a search (SPEC.md sections 3, 4-6). Immutable and validated: every
 * message names the option, the rule and the value found.
 *
 * @param method          "darts" or "prdarts"
 * @param epochs          search epochs
 * @param batchSize       images per weight step and per architecture step
 * @param weightLr        initial learning rate of the network weights (cosine to weightLrMin)
 * @param momentum        SGD momentum of the weights
 * @param nesterov        Nesterov momentum (PR-DARTS reference code)
 * @param weightDecay     L2 weight decay of the weights
 * @param gradClip        global gradient-norm clip of the weights (0 = off)
 * @param archLr          Adam learning rate of the architecture logits
 * @param archWeightDecay Adam L2 weight decay of the architecture logits
 * @param archInitScale   logits start at archInitScale * N(0, 1)
 * @param secondOrder     DARTS second-order (unrolled) architecture gradient
 * @param tauStart        PR-DARTS gate temperature in the first epoch
 * @param tauEnd          PR-DARTS gate temperature in the last epoch
 * @param gateA           hard-concrete stretch lower end (a < 0)
 * @param gateB           hard-concrete stretch upper end (b > 1)
 * @param gateMode        "top2" or "full"
 * @param gateDropout     top2 gate dropout probability
 * @param regularizer     "paper" or "reference-code"
 * @param lambdaSkip      weight of the skip sparsity term
 * @param lambdaNonskip   weight of the non-skip sparsity term
 * @param lambdaPath      weight of the path-depth reward
 * @param seed            the run seed, split per consumer
 */
public record SearchConfig(String method, int epochs, int batchSize,
                           double weightLr, double weightLrMin, double momentum, boolean nesterov,
                           double weightDecay, double gradClip,
                           double archLr, double archBeta1, double archBeta2, double archWeightDecay,
                           double archInitScale, boolean secondOrder,
                           double tauStart, double tauEnd, double gateA, double gateB, String gateMode,
                           double gateDropout, String regularizer,
                           double lambdaSkip, double lambdaNonskip, double lambdaPath,
                           long seed) {

    public SearchConfig {
        if (!method.equals("darts") && !method.equals("prdarts")) {
            throw new IllegalArgumentException("method must be darts or prdarts, found '" + method + "'");
        }
        atLeast("epochs", epochs, 1);
        atLeast("batch-size", batchSize, 1);
        positive("weight learning rate", weightLr);
        if (weightLrMin < 0 || weightLrMin > weightLr) {
            throw new IllegalArgumentException("minimum weight learning rate must be in [0, "
                    + weightLr + "], found " + weightLrMin);
        }
        nonNegative("momentum", momentum);
        nonNegative("weight decay", weightDecay);
        nonNegative("gradient clip", gradClip);
        positive("architecture learning rate", archLr);
        nonNegative("architecture weight decay", archWeightDecay);
        nonNegative("architecture init scale", archInitScale);
        if (secondOrder && method.equals("prdarts")) {
            throw new IllegalArgumentException("second-order gradients are a DARTS option; PR-DARTS is first order");
        }
        if (!(tauStart > 0)) {
            throw new IllegalArgumentException("tau-start must be > 0, found " + tauStart);
        }
        if (!(tauEnd > 0)) {
            throw new IllegalArgumentException("tau-end must be > 0, found " + tauEnd);
        }
        if (tauEnd > tauStart) {
            throw new IllegalArgumentException("tau-end must be <= tau-start (" + tauStart + "), found " + tauEnd);
        }
        if (!(gateA < 0)) {
            throw new IllegalArgumentException("gate-a must be < 0, found " + gateA);
        }
        if (!(gateB > 1)) {
            throw new IllegalArgumentException("gate-b must be > 1, found " + gateB);
        }
        if (!gateMode.equals("top2") && !gateMode.equals("full")) {
            throw new IllegalArgumentException("gate-mode must be top2 or full, found '" + gateMode + "'");
        }
        if (gateDropout < 0 || gateDropout >= 1) {
            throw new IllegalArgumentException("gate-dropout must be in [0, 1), found " + gateDropout);
        }
        if (!regularizer.equals("paper") && !regularizer.equals("reference-code")) {
            throw new IllegalArgumentException("regularizer must be paper or reference-code, found '"
                    + regularizer + "'");
        }
        nonNegative("lambda-skip", lambdaSkip);
        nonNegative("lambda-nonskip", lambdaNonskip);
        nonNegative("lambda-path", lambdaPath);
    }

    /** SPEC.md defaults for a method, with the given budget. */
    public static SearchConfig defaults(String method, int epochs, int batchSize, long seed) {
        boolean pr = method.equals("prdarts");
        return new SearchConfig(method, epochs, batchSize,
                0.025, 0.001, 0.9, pr, pr ? 5e-4 : 3e-4, 5,
                3e-4, 0.5, 0.999, 1e-3, 1e-3, false,
                1.0, 0.1, -0.1, 1.1, "top2", 0.4, "paper",
                0.01, 0.005, 0.005, seed);
    }

    /** Temperature of epoch e: linear from tauStart to tauEnd over the epochs. */
    public double tau(int epoch) {
        if (epochs == 1) {
            return tauStart;
        }
        return tauStart - (tauStart - tauEnd) * epoch / (epochs - 1);
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", found " + value);
        }
    }

    private static void positive(String field, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(field + " must be > 0, found " + value);
        }
    }

    private static void nonNegative(String field, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(field + " must be >= 0, found " + value);
        }
    }
}
