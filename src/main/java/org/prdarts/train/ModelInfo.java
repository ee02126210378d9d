package org.prdarts.train;

import org.prdarts.data.DataConfig;

import java.util.List;

/**
 * What a saved model needs besides its parameters (model.json): the network to rebuild, the class
 * names, the input normalisation, and the data it was trained on (so eval can find its test set).
 *
 * @param format     layout version of model.json
 * @param network    the network's configuration, genotype included
 * @param classNames one name per classifier output
 * @param mean       per-channel normalisation mean, in units of pixel / 255
 * @param std        per-channel normalisation std, in units of pixel / 255
 * @param data       the training data configuration
 * @param dataSeed   the seed the data was loaded with (the synthetic set depends on it)
 */
public record ModelInfo(int format, NetworkConfig network, List<String> classNames, float[] mean, float[] std,
                        DataConfig data, long dataSeed) {

    public static final int FORMAT = 1;

    public ModelInfo {
        if (format != FORMAT) {
            throw new IllegalArgumentException("model format must be " + FORMAT + ", found " + format);
        }
        if (network == null) {
            throw new IllegalArgumentException("model network must be given, found none");
        }
        classNames = List.copyOf(classNames);
        if (classNames.size() != network.numClasses()) {
            throw new IllegalArgumentException("model classNames must have " + network.numClasses()
                    + " entries, found " + classNames.size());
        }
        if (mean == null || std == null || mean.length != network.inputChannels()
                || std.length != network.inputChannels()) {
            throw new IllegalArgumentException("model mean and std must have " + network.inputChannels()
                    + " entries each (one per input channel)");
        }
        mean = mean.clone();
        std = std.clone();
    }
}
