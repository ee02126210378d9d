package org.prdarts.cli;

import org.prdarts.data.DataConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

import static org.prdarts.cli.SearchOptions.or;

/**
 * The data set options that search, train and study share (a picocli mixin). The subset's default
 * differs between the commands: its help text comes from each command's resource bundle.
 */
public final class DataOptions {

    @Option(names = "--dataset",
            description = "fashion-mnist, mnist, cifar10, cifar100, folder, synthetic. Default: fashion-mnist.")
    String dataset;

    @Option(names = "--data-dir", description = "Folder with the data set files. Default: for fashion-mnist "
            + "/usr/share/datasets/fashion-mnist when installed, else the bundled sample.")
    Path dataDir;

    @Option(names = "--image-size", description = "Image side: synthetic and folder sets are made or resized to "
            + "it; fixed-size sets (Fashion-MNIST, MNIST, CIFAR) are shrunk by a whole factor (28 -> 14 or 7, "
            + "32 -> 16 or 8) by averaging blocks. Default: the data set's own (synthetic 28, folder 32).")
    Integer imageSize;

    @Option(names = "--image-channels", description = "Image channels (1 or 3) for synthetic and folder data "
            + "sets. Default: the data set's own.")
    Integer imageChannels;

    @Option(names = "--subset", descriptionKey = "subset")
    Integer subset;

    /** The data set named on the command line, or the fallback. */
    String datasetOr(String fallback) {
        return or(dataset, fallback);
    }

    /**
     * The base config with every option given applied; null arguments keep the base's value.
     *
     * @param trainPortion --train-portion of the command (search only)
     * @param augment      --[no-]augment of the command
     * @param cutout       --cutout of the command (train only)
     */
    DataConfig applyTo(DataConfig d, Double trainPortion, Boolean augment, Integer cutout) {
        return new DataConfig(or(dataset, d.dataset()), or(dataDir, d.dataDir()), or(subset, d.subset()),
                or(trainPortion, d.trainPortion()), or(augment, d.augment()), or(cutout, d.cutout()),
                or(imageChannels, d.channels()), or(imageSize, d.imageSize()));
    }
}
