package org.prdarts.search.reg;

import org.prdarts.repro.Checks;

/**
 * Validated settings of the PR-DARTS regularizer.
 *
 * @param lambdaSkip     weight of the skip group (paper: 0.01)
 * @param lambdaNonSkip  weight of the non-skip group, and of the pool group in the reference-code
 *                       form (paper: 0.005)
 * @param lambdaPath     weight of the path-depth term, subtracted (paper: 0.005)
 * @param form           paper or reference-code definitions of the terms
 * @param hingeThreshold threshold of the reference-code hinge (0.2); unused by the paper form
 * @param pathFactor     how the paper form's path term combines a chain edge's probabilities
 */
public record RegularizerConfig(double lambdaSkip, double lambdaNonSkip, double lambdaPath,
                                Regularizer.Form form, double hingeThreshold,
                                PathRegularizer.Factor pathFactor) {

    public static final double DEFAULT_LAMBDA_SKIP = 0.01;
    public static final double DEFAULT_LAMBDA_NONSKIP = 0.005;
    public static final double DEFAULT_LAMBDA_PATH = 0.005;

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

    /** The paper's coefficients and definitions, with the mean path factor. */
    public static RegularizerConfig defaults() {
        return new RegularizerConfig(DEFAULT_LAMBDA_SKIP, DEFAULT_LAMBDA_NONSKIP,
                DEFAULT_LAMBDA_PATH, Regularizer.Form.PAPER, Regularizer.DEFAULT_HINGE_THRESHOLD,
                PathRegularizer.Factor.MEAN);
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
