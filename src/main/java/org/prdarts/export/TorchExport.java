package org.prdarts.export;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.prdarts.repro.AtomicFiles;
import org.prdarts.repro.Json;
import org.prdarts.space.GenotypeJson;
import org.prdarts.space.NetworkPlan;
import org.prdarts.train.ModelInfo;
import org.prdarts.train.NetworkConfig;
import org.prdarts.train.SavedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained model for PyTorch: {@value #WEIGHTS} (the weights and BatchNorm statistics
 * in safetensors format under the DARTS state-dict names, see {@link DartsStateDict}),
 * {@value #GENOTYPE} (the cells) and {@value #NETWORK} (what rebuilds the network around them
 * and how images become its input). The project's {@code python/prdarts_torch.py} reads the
 * three files.
 *
 * <p>The safetensors file is written by DJL's own encoder ({@link NDList.Encoding#SAFETENSORS}):
 * an 8-byte little-endian header length, a JSON header of name, dtype, shape and byte offsets,
 * then the raw little-endian data. Every file is written to a temporary name and renamed.
 */
public final class TorchExport {
    public static final String WEIGHTS = "model.safetensors";
    public static final String GENOTYPE = "genotype.json";
    public static final String NETWORK = "network.json";
    /** Layout version of network.json. */
    public static final String SCHEMA = "prdarts.torch/1";

    /**
     * What was written.
     *
     * @param tensors number of tensors in the weights file
     * @param values  number of values in them (parameters and BatchNorm statistics)
     */
    public record Result(Path dir, int tensors, long values) {
    }

    private TorchExport() {
    }

    /** Exports the model directory {@code modelDir} (a 'prdarts train' run) into {@code outDir}. */
    public static Result export(Path modelDir, Path outDir) throws IOException {
        ModelInfo info = SavedModel.readInfo(modelDir);
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new IllegalArgumentException("out " + outDir + " exists and is not a directory");
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            SavedModel saved = SavedModel.load(modelDir, manager);
            Map<String, NDArray> tensors = DartsStateDict.of(saved.network(), manager);
            NDList list = new NDList(tensors.size());
            long values = 0;
            for (NDArray a : tensors.values()) {
                list.add(a);
                values += a.size();
            }
            Files.createDirectories(outDir);
            AtomicFiles.write(outDir.resolve(WEIGHTS), os -> list.encode(os, NDList.Encoding.SAFETENSORS));
            AtomicFiles.writeString(outDir.resolve(GENOTYPE), GenotypeJson.toJson(info.network().genotype()) + "\n");
            AtomicFiles.writeString(outDir.resolve(NETWORK), Json.toPrettyJson(description(info)) + "\n");
            return new Result(outDir, tensors.size(), values);
        }
    }

    /** The content of network.json. */
    static Map<String, Object> description(ModelInfo info) {
        NetworkConfig net = info.network();
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("type", net.imagenet() ? "NetworkImageNet" : "NetworkCIFAR");
        network.put("C", net.channels());
        network.put("layers", net.layers());
        network.put("numClasses", net.numClasses());
        network.put("auxiliary", net.auxiliary());
        network.put("inputChannels", net.inputChannels());
        network.put("inputHeight", net.inputHeight());
        network.put("inputWidth", net.inputWidth());
        network.put("stemMultiplier", NetworkPlan.STEM_MULTIPLIER);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("layout", "NCHW, float32");
        input.put("channels", net.inputChannels() == 1 ? "grey: 0.299 R + 0.587 G + 0.114 B" : "RGB");
        input.put("size", List.of(net.inputHeight(), net.inputWidth()));
        input.put("formula", "(pixel / 255 - mean[c]) / std[c]");
        input.put("mean", info.mean());
        input.put("std", info.std());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schema", SCHEMA);
        out.put("weights", WEIGHTS);
        out.put("genotype", GENOTYPE);
        out.put("network", network);
        out.put("input", input);
        out.put("classNames", info.classNames());
        return out;
    }
}
