package org.prdarts.train;

import org.prdarts.data.DataConfig;
import org.prdarts.repro.RunKind;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeValidator;

import java.nio.file.Path;

/**
 * Everything a training run needs, resolved: written to the run directory as config.json.
 *
 * @param preset         the preset the options started from (informational)
 * @param genotypeSource what the user passed as the genotype (a name, file, run directory or text)
 * @param genotype       the resolved genotype
 * @param data           images and augmentation (cutout included)
 * @param channels       C of the network
 * @param layers         L, number of cells
 * @param imagenet       the ImageNet-style network (two-stage stem)
 * @param train          optimisation settings
 * @param device         "cpu" or "gpu"
 * @param threads        engine intra-op threads (0 = engine default)
 * @param out            run directory (null = runs/<time>-train)
 */
public record TrainJob(String preset, String genotypeSource, Genotype genotype, DataConfig data, int channels,
                       int layers, boolean imagenet, TrainConfig train, String device, int threads, Path out)
        implements RunKind.Job<TrainJob> {

    public TrainJob {
        GenotypeValidator.validate(genotype);
        if (channels < 2 || channels % 2 != 0) {
            throw new IllegalArgumentException("channels must be even and >= 2, found " + channels);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, found " + layers);
        }
        if (!"cpu".equals(device) && !"gpu".equals(device)) {
            throw new IllegalArgumentException("device must be cpu or gpu, found '" + device + "'");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, found " + threads);
        }
    }

    /** The network for images of the given shape and class count. */
    public NetworkConfig network(int inputChannels, int height, int width, int numClasses) {
        return new NetworkConfig(genotype, inputChannels, height, width, numClasses, channels, layers,
                train.auxiliary(), imagenet, train.dropPath());
    }

    @Override
    public TrainJob withOut(Path newOut) {
        return new TrainJob(preset, genotypeSource, genotype, data, channels, layers, imagenet, train, device,
                threads, newOut);
    }

    public TrainJob withTrain(TrainConfig newTrain) {
        return new TrainJob(preset, genotypeSource, genotype, data, channels, layers, imagenet, newTrain, device,
                threads, out);
    }
}
