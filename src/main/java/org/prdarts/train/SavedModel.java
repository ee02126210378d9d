package org.prdarts.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonParseException;
import org.prdarts.repro.AtomicFiles;
import org.prdarts.repro.Json;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained network on disk: model.params (the DJL block's parameters, BN running statistics
 * included) and model.json ({@link ModelInfo}: what rebuilds the block and feeds it). Both are
 * written atomically, so an interrupted save leaves the previous model intact.
 *
 * @param info    the rebuilt configuration
 * @param network the network with its parameters loaded
 */
public record SavedModel(ModelInfo info, DerivedNetwork network) {
    public static final String PARAMS = "model.params";
    public static final String INFO = "model.json";

    public static void save(Path dir, DerivedNetwork network, ModelInfo info) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(PARAMS), os -> network.saveParameters(new DataOutputStream(os)));
        AtomicFiles.writeString(dir.resolve(INFO), Json.toPrettyJson(info) + "\n");
    }

    /** Reads model.json of a model directory. */
    public static ModelInfo readInfo(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model directory " + dir + " does not exist");
        }
        Path file = dir.resolve(INFO);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(dir.resolve(PARAMS))) {
            throw new IllegalArgumentException("model directory " + dir + " holds no trained model ("
                    + INFO + " and " + PARAMS + "); train one with 'prdarts train'");
        }
        try {
            ModelInfo info = Json.read(file, ModelInfo.class);
            if (info == null || info.network() == null) {
                throw new IllegalArgumentException(file + ": empty model description");
            }
            return info;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds the network of a model directory, sizes it by one forward pass and loads its
     * parameters; they are owned by {@code manager}.
     */
    public static SavedModel load(Path dir, NDManager manager) {
        ModelInfo info = readInfo(dir);
        DerivedNetwork network = new DerivedNetwork(info.network());
        network.initialize(manager);
        Path params = dir.resolve(PARAMS);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(params))) {
            network.loadParameters(manager, new DataInputStream(in));
            if (in.read() != -1) {
                throw new MalformedModelException("trailing bytes after the last parameter");
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException(params + " does not fit the network of " + INFO + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        return new SavedModel(info, network);
    }
}
