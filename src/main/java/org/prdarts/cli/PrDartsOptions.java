package org.prdarts.cli;

import org.prdarts.repro.Labeled;
import org.prdarts.search.PrDartsConfig;
import org.prdarts.search.reg.PathRegularizer;
import org.prdarts.search.reg.Regularizer;
import org.prdarts.search.reg.RegularizerConfig;
import org.prdarts.search.relax.GateConfig;
import org.prdarts.search.relax.HardConcrete;
import org.prdarts.search.relax.TauSchedule;
import picocli.CommandLine.Option;

import static org.prdarts.cli.SearchOptions.or;

/** The PR-DARTS options of a search (a picocli mixin); unset options keep the base's values. */
public final class PrDartsOptions {

    @Option(names = "--tau-start", description = "PR-DARTS gate temperature of the first epoch. Default: "
            + TauSchedule.DEFAULT_START + " (reference code; the paper states 10).")
    Double tauStart;

    @Option(names = "--tau-end", description = "PR-DARTS gate temperature of the last epoch. Default: "
            + TauSchedule.DEFAULT_END + ".")
    Double tauEnd;

    @Option(names = "--gate-a", description = "Hard-concrete stretch lower end, < 0. Default: "
            + HardConcrete.DEFAULT_A + ".")
    Double gateA;

    @Option(names = "--gate-b", description = "Hard-concrete stretch upper end, > 1. Default: "
            + HardConcrete.DEFAULT_B + ".")
    Double gateB;

    @Option(names = "--gate-mode", description = "top2 (straight-through, 2 ops per edge computed) or full "
            + "(every op times its gate, paper eq. 7). Default: top2.")
    String gateMode;

    @Option(names = "--gate-dropout", description = "top2 gate dropout probability. Default: "
            + GateConfig.DEFAULT_GATE_DROPOUT + ".")
    Double gateDropout;

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
            + RegularizerConfig.DEFAULT_LAMBDA_PATH + ".")
    Double lambdaPath;

    /** The base settings with every option given applied. */
    PrDartsConfig applyTo(PrDartsConfig p) {
        TauSchedule t = p.tau();
        GateConfig g = p.gates();
        RegularizerConfig r = p.regularizer();
        GateConfig.Mode mode = gateMode == null ? g.mode() : Labeled.parse(GateConfig.Mode.class, "gate-mode", gateMode);
        Regularizer.Form form = regularizer == null ? r.form()
                : Labeled.parse(Regularizer.Form.class, "regularizer", regularizer);
        PathRegularizer.Factor factor = pathFactor == null ? r.pathFactor()
                : Labeled.parse(PathRegularizer.Factor.class, "path-factor", pathFactor);
        return new PrDartsConfig(new TauSchedule(or(tauStart, t.start()), or(tauEnd, t.end())),
                new GateConfig(or(gateA, g.a()), or(gateB, g.b()), mode, or(gateDropout, g.gateDropout())),
                new RegularizerConfig(or(lambdaSkip, r.lambdaSkip()), or(lambdaNonskip, r.lambdaNonSkip()),
                        or(lambdaPath, r.lambdaPath()), form, or(hinge, r.hingeThreshold()), factor));
    }
}
