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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A trained network on disk: model.params (the DJL block's parameters, BN running statistics
 * included), model.params.sha256 (the SHA-256 of model.params and model.json in {@code sha256sum}
 * format, checked on every load: damaged weights or an edited description are refused instead of
 * evaluated) and model.json ({@link ModelInfo}: what rebuilds
 * the block and feeds it). All are written atomically, so an interrupted save leaves the previous
 * model intact.
 *
 * @param info    the rebuilt configuration
 * @param network the network with its parameters loaded
 */
public record SavedModel(ModelInfo info, DerivedNetwork network) {
    public static final String PARAMS = "model.params";
    public static final String INFO = "model.json";
    public static final String CHECKSUM = PARAMS + ".sha256";

    public static void save(Path dir, DerivedNetwork network, ModelInfo info) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(PARAMS), os -> network.saveParameters(new DataOutputStream(os)));
        AtomicFiles.writeString(dir.resolve(INFO), Json.toPrettyJson(info) + "\n");
        // written last and covering both files: an edited description is refused like damaged weights
        AtomicFiles.writeString(dir.resolve(CHECKSUM), sha256(dir.resolve(PARAMS)) + "  " + PARAMS + "\n"
                + sha256(dir.resolve(INFO)) + "  " + INFO + "\n");
    }

    /**
     * Refuses a model whose model.params or model.json differs from the SHA-256 saved for it. A
     * checksum file of an earlier version names model.params only; model.json is then checked
     * against the parameters' shapes when the model is loaded. A missing checksum file is refused:
     * deleting it must not be a way to switch the check off.
     */
    static void verify(Path dir) {
        Path sum = dir.resolve(CHECKSUM);
        if (!Files.isRegularFile(sum)) {
            throw new IllegalArgumentException(sum + " is missing, so the model cannot be checked; restore it, or if "
                    + "you trust the files run 'sha256sum " + PARAMS + " " + INFO + " > " + CHECKSUM + "' in " + dir);
        }
        try {
            java.util.Map<String, String> saved = new java.util.HashMap<>();
            for (String line : Files.readAllLines(sum, StandardCharsets.US_ASCII)) {
                String[] parts = line.strip().split("\\s+", 2);
                if (parts.length == 2) {
                    saved.put(parts[1].replaceFirst("^\\*", ""), parts[0]);
                }
            }
            if (!saved.containsKey(PARAMS)) {
                throw new IllegalArgumentException(sum + " holds no SHA-256 of " + PARAMS + "; restore it");
            }
            for (String name : new String[] {PARAMS, INFO}) {
                if (saved.containsKey(name) && !saved.get(name).equalsIgnoreCase(sha256(dir.resolve(name)))) {
                    throw new IllegalArgumentException(dir.resolve(name) + " is damaged or was edited: its SHA-256 "
                            + "differs from " + CHECKSUM + "; train the model again or restore the file");
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read " + sum + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Reads model.json of a model directory. */
    public static ModelInfo readInfo(Path dir) {
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model directory " + dir + " is a file; name the run directory of "
                    + "'prdarts train', which holds " + INFO + " and " + PARAMS);
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model directory " + dir + " does not exist");
        }
        Path file = dir.resolve(INFO);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(dir.resolve(PARAMS))) {
            throw new IllegalArgumentException("model directory " + dir + " holds no trained model ("
                    + INFO + " and " + PARAMS + "); train one with 'prdarts train'");
        }
        verify(dir);
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
        // the engine takes whatever shape the file holds, so a model.json that describes another
        // network (channels 8 edited to 16) would load and only fail inside the first forward pass
        java.util.Map<String, ai.djl.ndarray.types.Shape> described = new java.util.LinkedHashMap<>();
        network.getParameters().forEach(p -> described.put(p.getKey(), p.getValue().getArray().getShape()));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(params))) {
            network.loadParameters(manager, new DataInputStream(in));
            if (in.read() != -1) {
                throw new MalformedModelException("trailing bytes after the last parameter");
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException(params + " does not fit the network of " + INFO + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        for (var p : network.getParameters()) {
            ai.djl.ndarray.types.Shape loaded = p.getValue().getArray().getShape();
            if (!loaded.equals(described.get(p.getKey()))) {
                throw new IllegalArgumentException(params + " does not fit the network of " + INFO + ": parameter "
                        + p.getKey() + " has shape " + loaded + " there and " + described.get(p.getKey())
                        + " in the network described");
            }
        }
        return new SavedModel(info, network);
    }
}
