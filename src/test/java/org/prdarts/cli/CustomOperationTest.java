package org.prdarts.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeJson;
import org.prdarts.space.ops.Ops;
import org.prdarts.space.ops.SepConv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operation registered in {@link Ops} and nowhere else goes through the whole tool: searched
 * over, written to genotype.json, read back for training and exported under its PyTorch names.
 */
class CustomOperationTest {
    private static final String OP = "sep_conv_7x7";

    @BeforeAll
    static void register() {
        if (!Ops.isKnown(OP)) {
            Ops.register(OP, (c, s, a) -> new SepConv(c, 7, s, a),
                    (c, s, in, out, search) -> SepConv.cost(c, 7, in, out, search));
        }
    }

    @Test
    void aRegisteredOperationIsSearchedTrainedAndExported(@TempDir Path tmp) throws IOException {
        Path search = tmp.resolve("search");
        // DARTS never derives none, so every edge of the derived cells is the new operation.
        assertEquals(0, Main.run("search", "--method", "darts", "--dataset", "synthetic", "--image-size", "8",
                "--image-channels", "1", "--subset", "32", "--channels", "4", "--layers", "3", "--nodes", "2",
                "--epochs", "1", "--batch-size", "16", "--threads", "1", "--ops", "none," + OP,
                "--out", search.toString()));
        Genotype g = GenotypeJson.read(search.resolve("genotype.json"));
        assertTrue(g.normal().stream().allMatch(p -> p.op().equals(OP)), g.toString());

        Path train = tmp.resolve("train");
        assertEquals(0, Main.run("train", "--dataset", "synthetic", "--image-size", "8", "--image-channels", "1",
                "--subset", "32", "--channels", "4", "--layers", "3", "--epochs", "1", "--batch-size", "16",
                "--threads", "1", "--auxiliary-weight", "0", "--genotype", search.resolve("genotype.json").toString(),
                "--out", train.toString()));

        Path export = tmp.resolve("export");
        assertEquals(0, Main.run("export", "--model", train.toString(), "--out", export.toString()));
        assertEquals(g, GenotypeJson.read(export.resolve("genotype.json")));
        JsonObject header = safetensorsHeader(export.resolve("model.safetensors"));
        // SepConv's second depthwise convolution is DARTS' op.5; 7x7 kernels on the first cell's 4 channels.
        assertEquals(List.of(4, 1, 7, 7), header.getAsJsonObject("cells.0._ops.0.op.5.weight")
                .getAsJsonArray("shape").asList().stream().map(e -> e.getAsInt()).toList());
    }

    private static JsonObject safetensorsHeader(Path file) throws IOException {
        byte[] blob = Files.readAllBytes(file);
        int n = (int) ByteBuffer.wrap(blob, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return JsonParser.parseString(new String(blob, 8, n, StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
