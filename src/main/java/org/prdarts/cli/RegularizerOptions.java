package org.prdarts.cli;

import org.prdarts.repro.Labeled;
import org.prdarts.search.reg.PathRegularizer;
import org.prdarts.search.reg.Regularizer;
import org.prdarts.search.reg.RegularizerConfig;
import picocli.CommandLine.Option;

import static org.prdarts.cli.SearchOptions.or;

/** The PR-DARTS regularizer's options (a picocli mixin); unset options keep the base's values. */
public final class RegularizerOptions {

    @Option(names = "--regularizer", description = "paper or reference-code form of the PR-DARTS terms. "
            + "Default: paper.")
    String regularizer;

    @Option(names = "--path-factor", description = "How the paper-form path term combines the four parametric "
            + "gate probabilities of a chain edge: mean (keeps the term in [0, 1]) or sum (as the paper prints "
            + "it; about 180 at initialisation, it then outweighs every other term). Default: mean.")
    String pathFactor;

    @Option(names = "--hinge", description = "Threshold of the reference-code regularizer's hinge "
            + "max(X - hinge, 0) on the sparsity terms (--regularizer reference-code only). Default: "
            + Regularizer.DEFAULT_HINGE_THRESHOLD + ".")
    Double hinge;

    @Option(names = "--lambda-skip", description = "Weight of the skip sparsity term. Default: "
            + RegularizerConfig.DEFAULT_LAMBDA_SKIP + ".")
    Double lambdaSkip;

    @Option(names = "--lambda-nonskip", description = "Weight of the non-skip sparsity term. Default: "
            + RegularizerConfig.DEFAULT_LAMBDA_NONSKIP + ".")
    Double lambdaNonskip;

    @Option(names = "--lambda-path", description = "Weight of the path-depth reward. Default: "
            + RegularizerConfig.DEFAULT_LAMBDA_PATH + " with --path-factor mean (measured: the weight at which the "
            + "term deepens the cell without choosing its inputs alone), " + RegularizerConfig.PAPER_LAMBDA_PATH
            + " (the paper's) with sum.")
    Double lambdaPath;

    /** The base settings with every option given applied. */
    RegularizerConfig applyTo(RegularizerConfig r) {
        Regularizer.Form form = regularizer == null ? r.form()
                : Labeled.parse(Regularizer.Form.class, "regularizer", regularizer);
        PathRegularizer.Factor factor = pathFactor == null ? r.pathFactor()
                : Labeled.parse(PathRegularizer.Factor.class, "path-factor", pathFactor);
        // a base at its factor's default path weight moves to the new factor's default
        double path = lambdaPath != null ? lambdaPath
                : r.lambdaPath() == RegularizerConfig.defaultLambdaPath(r.pathFactor())
                ? RegularizerConfig.defaultLambdaPath(factor) : r.lambdaPath();
        return new RegularizerConfig(or(lambdaSkip, r.lambdaSkip()), or(lambdaNonskip, r.lambdaNonSkip()),
                path, form, or(hinge, r.hingeThreshold()), factor);
    }
}
