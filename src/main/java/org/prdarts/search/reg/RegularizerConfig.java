package org.prdarts.search.reg;

import org.prdarts.repro.Checks;

/**
 * Validated settings of the PR-DARTS regularizer.
 *
 * @param lambdaSkip     weight of the skip group (paper: 0.01)
 * @param lambdaNonSkip  weight of the non-skip group, and of the pool group in the reference-code
 *                       form (paper: 0.005)
 * @param lambdaPath     weight of the path-depth term, subtracted (paper: 0.005 with its sum factor; 0.1 with
 *                       the mean factor, chosen by measurement: docs/method.md, section 15)
 * @param form           paper or reference-code definitions of the terms
 * @param hingeThreshold threshold of the reference-code hinge (0.2); unused by the paper form
 * @param pathFactor     how the paper form's path term combines a chain edge's probabilities
 */
public record RegularizerConfig(double lambdaSkip, double lambdaNonSkip, double lambdaPath,
                                Regularizer.Form form, double hingeThreshold,
                                PathRegularizer.Factor pathFactor) {

    public static final double DEFAULT_LAMBDA_SKIP = 0.01;
    public static final double DEFAULT_LAMBDA_NONSKIP = 0.005;
    /**
     * The path term's weight with the mean factor (the default): the weight at which the term changes
     * the derived cell's parametric depth without deciding its inputs by itself (docs/method.md,
     * section 15; 0.005 leaves it inert, 0.2 and above put nearly every input on the chain edges, as a
     * search with nothing to learn does).
     */
    public static final double DEFAULT_LAMBDA_PATH = 0.1;
    /** The paper's path weight, for the paper's sum factor. */
    public static final double PAPER_LAMBDA_PATH = 0.005;

    public RegularizerConfig {
        checkLambda("lambda-skip", lambdaSkip);
        checkLambda("lambda-nonskip", lambdaNonSkip);
        checkLambda("lambda-path", lambdaPath);
        CellTerms.checkForm(form);
        Checks.nonNegativeFinite("hinge", hingeThreshold);
        if (pathFactor == null) {
            throw new IllegalArgumentException("path-factor must be mean or sum, found null");
        }
    }

    /** The paper's coefficients and definitions, with the mean path factor and its measured weight. */
    public static RegularizerConfig defaults() {
        return new RegularizerConfig(DEFAULT_LAMBDA_SKIP, DEFAULT_LAMBDA_NONSKIP,
                DEFAULT_LAMBDA_PATH, Regularizer.Form.PAPER, Regularizer.DEFAULT_HINGE_THRESHOLD,
                PathRegularizer.Factor.MEAN);
    }

    /** The default path weight of a path factor: {@link #DEFAULT_LAMBDA_PATH} for mean, the paper's for sum. */
    public static double defaultLambdaPath(PathRegularizer.Factor factor) {
        return factor == PathRegularizer.Factor.SUM ? PAPER_LAMBDA_PATH : DEFAULT_LAMBDA_PATH;
    }

    public RegularizerConfig withLambdas(double skip, double nonSkip, double path) {
        return new RegularizerConfig(skip, nonSkip, path, form, hingeThreshold, pathFactor);
    }

    public RegularizerConfig withHingeThreshold(double newThreshold) {
        return new RegularizerConfig(lambdaSkip, lambdaNonSkip, lambdaPath, form, newThreshold, pathFactor);
    }

    public RegularizerConfig withPathFactor(PathRegularizer.Factor newFactor) {
        return new RegularizerConfig(lambdaSkip, lambdaNonSkip, lambdaPath, form, hingeThreshold, newFactor);
    }

    public RegularizerConfig withForm(Regularizer.Form newForm) {
        return new RegularizerConfig(lambdaSkip, lambdaNonSkip, lambdaPath, newForm,
                hingeThreshold, pathFactor);
    }

    private static void checkLambda(String field, double value) {
        Checks.nonNegative(field, value);
        Checks.finite(field, value);
    }
}
