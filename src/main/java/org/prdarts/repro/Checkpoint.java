package org.prdarts.repro;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.prdarts.engine.InPlaceCopy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Everything a run needs to continue as if never stopped: named tensors (weights, BatchNorm
 * statistics, architecture logits, optimizer buffers) and a JSON document (position, schedules,
 * history, counters). Random draws are keyed by (seed, stream, epoch, step), so no generator state
 * needs saving beyond the position.
 *
 * <p>File format (big-endian): magic "PRDARTS-CKPT", int format version, int JSON length, JSON
 * bytes, int tensor count, then per tensor: UTF name, int length, DJL-encoded array; finally a
 * CRC32 of everything before it. A truncated or corrupted file fails the CRC or the structure
 * check and is reported, never half-read.
 */
public final class Checkpoint {
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "PRDARTS-CKPT".getBytes(StandardCharsets.US_ASCII);

    private final JsonObject meta;
    private final Map<String, byte[]> tensors;

    private Checkpoint(JsonObject meta, Map<String, byte[]> tensors) {
        this.meta = meta;
        this.tensors = tensors;
    }

    /** A checkpoint being assembled. */
    public static Builder builder() {
        return new Builder();
    }

    public JsonObject meta() {
        return meta.deepCopy();
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    public java.util.Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    /** Decodes a tensor into the manager. */
    public NDArray tensor(NDManager manager, String name) {
        byte[] b = tensors.get(name);
        if (b == null) {
            throw new CheckpointException("checkpoint holds no tensor '" + name + "'");
        }
        return NDArray.decode(manager, b);
    }

    /** Copies a saved tensor into an existing array of the same shape (keeps gradients attached). */
    public void restoreInto(NDManager scratch, String name, NDArray target) {
        NDArray saved = tensor(scratch, name);
        if (!saved.getShape().equals(target.getShape())) {
            throw new CheckpointException("checkpoint tensor '" + name + "' has shape " + saved.getShape()
                    + ", the run expects " + target.getShape());
        }
        InPlaceCopy.copy(saved, target);
    }

    /** Serialises to the stream (the CRC is computed on the way). */
    public void write(OutputStream out) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(buf);
        d.write(MAGIC);
        d.writeInt(FORMAT_VERSION);
        byte[] json = meta.toString().getBytes(StandardCharsets.UTF_8);
        d.writeInt(json.length);
        d.write(json);
        d.writeInt(tensors.size());
        for (Map.Entry<String, byte[]> e : tensors.entrySet()) {
            d.writeUTF(e.getKey());
            d.writeInt(e.getValue().length);
            d.write(e.getValue());
        }
        d.flush();
        byte[] body = buf.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        out.write(body);
        out.write(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
    }

    /** Reads and verifies a checkpoint file. */
    public static Checkpoint read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read checkpoint: " + e.getMessage(), e);
        }
        return parse(all, file.toString());
    }

    static Checkpoint parse(byte[] all, String name) {
        if (all.length < MAGIC.length + 8 + 8) {
            throw new CheckpointException(name + ": not a checkpoint (only " + all.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (all[i] != MAGIC[i]) {
                throw new CheckpointException(name + ": not a checkpoint (wrong magic)");
            }
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new CheckpointException(name + ": checkpoint is truncated or corrupted (checksum mismatch)");
        }
        ByteBuffer b = ByteBuffer.wrap(all, 0, all.length - 8);
        b.position(MAGIC.length);
        try {
            int version = b.getInt();
            if (version != FORMAT_VERSION) {
                throw new CheckpointException(name + ": checkpoint format version " + version
                        + ", this build reads version " + FORMAT_VERSION);
            }
            byte[] json = new byte[checkedLength(b, b.getInt(), name)];
            b.get(json);
            JsonObject meta = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
            int count = b.getInt();
            if (count < 0) {
                throw new CheckpointException(name + ": checkpoint is corrupted (negative tensor count)");
            }
            Map<String, byte[]> tensors = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                int nameLen = Short.toUnsignedInt(b.getShort());
                byte[] nb = new byte[checkedLength(b, nameLen, name)];
                b.get(nb);
                byte[] data = new byte[checkedLength(b, b.getInt(), name)];
                b.get(data);
                tensors.put(new String(nb, StandardCharsets.UTF_8), data);
            }
            if (b.hasRemaining()) {
                throw new CheckpointException(name + ": checkpoint is corrupted (" + b.remaining()
                        + " unexpected trailing bytes)");
            }
            return new Checkpoint(meta, tensors);
        } catch (java.nio.BufferUnderflowException | IllegalStateException
                 | com.google.gson.JsonParseException e) {
            throw new CheckpointException(name + ": checkpoint is corrupted (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static int checkedLength(ByteBuffer b, int len, String name) {
        if (len < 0 || len > b.remaining()) {
            throw new CheckpointException(name + ": checkpoint is corrupted (length " + len + " out of range)");
        }
        return len;
    }

    /** Collects tensors (copied to host bytes immediately) and metadata. */
    public static final class Builder {
        private final JsonObject meta = new JsonObject();
        private final Map<String, byte[]> tensors = new LinkedHashMap<>();

        public Builder meta(String key, com.google.gson.JsonElement value) {
            meta.add(key, value);
            return this;
        }

        public Builder meta(String key, Number value) {
            meta.addProperty(key, value);
            return this;
        }

        public Builder meta(String key, String value) {
            meta.addProperty(key, value);
            return this;
        }

        public Builder tensor(String name, NDArray array) {
            if (tensors.containsKey(name)) {
                throw new IllegalArgumentException("checkpoint tensor '" + name + "' added twice");
            }
            tensors.put(name, array.encode());
            return this;
        }

        public Checkpoint build() {
            return new Checkpoint(meta.deepCopy(), new LinkedHashMap<>(tensors));
        }
    }
}
