package org.prdarts.cli;

import picocli.CommandLine.Option;

/**
 * The SGD settings of the network weights that search and train share (a picocli mixin); each
 * command's help text comes from its resource bundle.
 */
public final class SgdOptions {

    @Option(names = "--lr", descriptionKey = "lr")
    Double lr;

    @Option(names = "--lr-min", descriptionKey = "lr-min")
    Double lrMin;

    @Option(names = "--momentum", descriptionKey = "momentum")
    Double momentum;

    @Option(names = "--weight-decay", descriptionKey = "weight-decay")
    Double weightDecay;

    @Option(names = "--grad-clip", descriptionKey = "grad-clip")
    Double gradClip;
}
