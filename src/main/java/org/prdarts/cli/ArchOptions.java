package org.prdarts.cli;

import org.prdarts.search.ArchOptimizerConfig;
import picocli.CommandLine.Option;

import static org.prdarts.cli.SearchOptions.or;

/** The architecture optimizer's options of a search (a picocli mixin); unset options keep the base's values. */
public final class ArchOptions {

    @Option(names = "--arch-lr", description = "Adam learning rate of the architecture logits, used as given "
            + "(with an explicit reach as well it is the lowest rate the scaling may choose). Default: scaled to "
            + "the budget (see the reach below).")
    Double archLr;

    @Option(names = "--arch-reach", description = "Scale the architecture learning rate to the run's budget: "
            + "lr = max(" + ArchOptimizerConfig.DEFAULT_LR + ", REACH / architecture steps), so that Adam (at most "
            + "about lr per step) can move a logit by REACH within the run; 0 = no scaling. Default: "
            + ArchOptimizerConfig.DEFAULT_REACH + " (what DARTS' 50 CIFAR-10 epochs at 3e-4 allow).")
    Double archReach;

    @Option(names = "--arch-weight-decay", description = "Adam L2 decay of the architecture logits. Default: "
            + ArchOptimizerConfig.DEFAULT_WEIGHT_DECAY + ".")
    Double archWeightDecay;

    @Option(names = "--beta-init", description = "Architecture logits (PR-DARTS beta, DARTS alpha) start at "
            + "this times N(0, 1). Default: " + ArchOptimizerConfig.DEFAULT_INIT_SCALE
            + " (reference code; the paper's supplement says 0.5).")
    Double betaInit;

    /** The base settings with every option given applied; an explicit --arch-lr alone switches the scaling off. */
    ArchOptimizerConfig applyTo(ArchOptimizerConfig a) {
        return new ArchOptimizerConfig(or(archLr, a.lr()), or(archReach, archLr != null ? 0.0 : a.reach()),
                a.beta1(), a.beta2(), or(archWeightDecay, a.weightDecay()), or(betaInit, a.initScale()));
    }
}
