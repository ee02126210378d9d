package org.prdarts.cli;

import picocli.CommandLine.Option;

/**
 * The size of a run that search, train and study share (a picocli mixin). The defaults differ
 * between the commands, so each command's help text for these options comes from its resource
 * bundle (the {@code descriptionKey}).
 */
public final class BudgetOptions {

    @Option(names = "--epochs", descriptionKey = "epochs")
    Integer epochs;

    @Option(names = "--batch-size", descriptionKey = "batch-size")
    Integer batchSize;

    @Option(names = "--channels", descriptionKey = "channels")
    Integer channels;

    @Option(names = "--layers", descriptionKey = "layers")
    Integer layers;
}
