package org.prdarts.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.cli.Main;
import org.prdarts.space.ops.ReluConvBn;
import org.prdarts.space.ops.SepConv;
import org.prdarts.train.DerivedNetwork;
import org.prdarts.train.SavedModel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Exports tiny trained models and checks them in PyTorch: the shipped python/prdarts_torch.py
 * must load them with strict=True and give prdarts' logits within 1e-4 of the largest logit (or
 * 1e-4 absolute below 1; training-mode BatchNorm over a batch of 4 turns rounding differences of
 * the two engines' summation orders into auxiliary-logit differences of about 4e-5 of the
 * largest). The PyTorch part needs a
 * python3 with torch (Debian's python3-torch); without one it is skipped, except under CI=true,
 * where it fails.
 */
class TorchExportTest {

    /** Every operation of the registry but none; a stride-2 skip_connect (FactorizedReduce) in the reduction cell. */
    private static final String GENOTYPE = "Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), "
            + "('dil_conv_3x3', 0), ('avg_pool_3x3', 2), ('max_pool_3x3', 1), ('sep_conv_5x5', 3), "
            + "('dil_conv_5x5', 2), ('skip_connect', 4)], normal_concat=range(2, 6), "
            + "reduce=[('max_pool_3x3', 0), ('skip_connect', 1), ('avg_pool_3x3', 0), ('sep_conv_3x3', 2), "
            + "('dil_conv_5x5', 1), ('skip_connect', 2), ('sep_conv_5x5', 0), ('dil_conv_3x3', 3)], "
            + "reduce_concat=range(2, 6))";

    private static final double TOLERANCE = 1e-4;

    @TempDir
    static Path shared;
    private static Path greyModel;

    /** One small model for the tests that need no particular shape: 1 x 9 x 9 images (odd sizes), no head. */
    private static synchronized Path greyModel() {
        if (greyModel == null) {
            greyModel = train(shared.resolve("grey"), "--image-size", "9", "--image-channels", "1", "--channels", "4",
                    "--auxiliary-weight", "0");
        }
        return greyModel;
    }

    private static Path train(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "synthetic", "--subset", "48",
                "--batch-size", "16", "--layers", "3", "--epochs", "1", "--threads", "2",
                "--lr", "0.05", "--genotype", GENOTYPE, "--out", dir.toString()));
        args.addAll(List.of(extra));
        assertEquals(0, Main.run(args.toArray(String[]::new)), "training the model to export");
        return dir;
    }

    private static Path export(Path model, Path out) {
        assertEquals(0, Main.run("export", "--model", model.toString(), "--out", out.toString()));
        return out;
    }

    @Test
    void namesAndShapesAreDarts(@TempDir Path dir) throws IOException {
        Path out = export(greyModel(), dir.resolve("torch"));
        JsonObject header = header(out.resolve(TorchExport.WEIGHTS));
        // the 1-channel stem: 3C output channels of one input channel
        assertEquals("[12,1,3,3]", header.getAsJsonObject("stem.0.weight").get("shape").toString());
        assertEquals("[12]", header.getAsJsonObject("stem.1.running_var").get("shape").toString());
        assertEquals("I64", header.getAsJsonObject("stem.1.num_batches_tracked").get("dtype").getAsString());
        // cell 1 reduces: C = 8; its c_{k-2} comes from the stem (12 channels) by ReLUConvBN
        assertEquals("[8,12,1,1]", header.getAsJsonObject("cells.1.preprocess0.op.1.weight").get("shape").toString());
        // cell 2 follows a reduction: c_{k-2} is reduced by FactorizedReduce from cell 0's 4 x 4 channels
        assertEquals("[8,16,1,1]", header.getAsJsonObject("cells.2.preprocess0.conv_1.weight").get("shape").toString());
        assertEquals("[16,1,3,3]", header.getAsJsonObject("cells.2._ops.3.op.1.weight").get("shape").toString());
        assertEquals("[16,16,1,1]", header.getAsJsonObject("cells.2._ops.3.op.6.weight").get("shape").toString());
        assertEquals("[4,8,1,1]", header.getAsJsonObject("cells.1._ops.1.conv_2.weight").get("shape").toString());
        assertEquals("[8,1,5,5]", header.getAsJsonObject("cells.1._ops.4.op.1.weight").get("shape").toString());
        assertEquals("[10,64]", header.getAsJsonObject("classifier.weight").get("shape").toString());
        assertFalse(header.keySet().stream().anyMatch(k -> k.startsWith("auxiliary_head")), header.keySet().toString());
        JsonObject network = JsonParser.parseString(Files.readString(out.resolve(TorchExport.NETWORK))).getAsJsonObject();
        assertEquals(1, network.getAsJsonObject("input").getAsJsonArray("mean").size());
        assertEquals("NetworkCIFAR", network.getAsJsonObject("network").get("type").getAsString());
        assertTrue(Files.readString(out.resolve(TorchExport.GENOTYPE)).contains("prdarts.genotype/1"));
    }

    @Test
    void childNamesFollowDartsSequencesAndUnknownChildrenAreRefused() {
        ReluConvBn pre = new ReluConvBn(4, 1, 1, 0, true);
        assertEquals("op.1", DartsStateDict.childName(pre, "01conv"));
        assertEquals("op.2", DartsStateDict.childName(pre, "02bn"));
        assertThrows(IllegalStateException.class, () -> DartsStateDict.childName(pre, "03gate"));
        assertEquals("op.7", DartsStateDict.childName(new SepConv(4, 3, 1, true), "06bn2"));
    }

    @Test
    void aDirectoryWithoutModelIsAUsageError(@TempDir Path dir) {
        assertEquals(2, Main.run("export", "--model", dir.toString(), "--out", dir.resolve("torch").toString()));
        assertFalse(Files.exists(dir.resolve("torch")));
    }

    @Test
    void pytorchGivesTheSameLogits(@TempDir Path dir) throws Exception {
        String python = pythonWithTorch();
        Path model = greyModel();
        checkInPython(python, model, export(model, dir.resolve("torch")), dir.resolve("ref.safetensors"), false);
    }

    @Test
    void pytorchGivesTheSameLogitsWithAuxiliaryHead(@TempDir Path dir) throws Exception {
        String python = pythonWithTorch();
        // 32 x 32 with L = 3: the head reads 8 x 8, the size DARTS' head is built for
        Path model = train(dir.resolve("m"), "--image-size", "32", "--image-channels", "3",
                "--auxiliary-weight", "0.4", "--channels", "2");
        checkInPython(python, model, export(model, dir.resolve("torch")), dir.resolve("ref.safetensors"), true);
    }

    @Test
    void pytorchGivesTheSameLogitsForImageNetStem(@TempDir Path dir) throws Exception {
        String python = pythonWithTorch();
        Path model = train(dir.resolve("m"), "--image-size", "8", "--image-channels", "3", "--imagenet",
                "--channels", "4", "--auxiliary-weight", "0.4");
        JsonObject header = header(export(model, dir.resolve("torch")).resolve(TorchExport.WEIGHTS));
        for (String k : List.of("stem0.0.weight", "stem0.4.running_mean", "stem1.1.weight",
                "cells.0.preprocess0.conv_1.weight", "auxiliary_head.features.6.weight")) {
            assertTrue(header.has(k), k + " in " + header.keySet());
        }
        checkInPython(python, model, dir.resolve("torch"), dir.resolve("ref.safetensors"), true);
    }

    /** Writes prdarts' outputs on a random batch, then runs the PyTorch comparison on them. */
    private static void checkInPython(String python, Path model, Path export, Path reference, boolean training)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            SavedModel saved = SavedModel.load(model, manager);
            DerivedNetwork network = saved.network();
            var net = saved.info().network();
            manager.getEngine().setRandomSeed(7);
            NDArray x = manager.randomNormal(new Shape(5, net.inputChannels(), net.inputHeight(), net.inputWidth()));
            ParameterStore ps = new ParameterStore(manager, false);
            NDList ref = new NDList();
            named(ref, "x", x);
            named(ref, "logits", network.forward(ps, x, null, false).logits());
            if (training) {
                // training mode: BatchNorm on batch statistics, drop path off (null masks)
                DerivedNetwork.Output out = network.forward(ps, x, null, true);
                named(ref, "train_logits", out.logits());
                named(ref, "train_aux", out.auxLogits());
            }
            try (OutputStream os = Files.newOutputStream(reference)) {
                ref.encode(os, NDList.Encoding.SAFETENSORS);
            }
        }
        Path script = Path.of("src/test/python/check_export.py").toAbsolutePath();
        Process p = new ProcessBuilder(python, script.toString(), Path.of("python").toAbsolutePath().toString(),
                export.toString(), reference.toString(), Double.toString(TOLERANCE))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out: " + output);
        System.out.println(output.strip());
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("eval logits: max abs diff"), output);
        if (training) {
            assertTrue(output.contains("train auxiliary logits: max abs diff"), output);
        }
    }

    private static void named(NDList list, String name, NDArray a) {
        assertTrue(a != null, name);
        a.setName(name);
        list.add(a);
    }

    /** The JSON header of a safetensors file. */
    static JsonObject header(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertTrue(n > 0 && 8 + n <= bytes.length, "header length " + n);
        return JsonParser.parseString(new String(bytes, 8, (int) n, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /**
     * A python interpreter that imports torch: $PRDARTS_PYTHON, /usr/bin/python3 (Debian's, where
     * python3-torch installs), python3 on the PATH. None: skipped, or failed under CI=true.
     */
    static String pythonWithTorch() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("PRDARTS_PYTHON");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        for (String c : candidates) {
            try {
                Process p = new ProcessBuilder(c, "-c", "import torch").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return c;
                }
            } catch (IOException e) {
                // not startable: try the next
            }
        }
        String why = "no python3 with torch found (tried " + candidates + "); install python3-torch";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
        return null;
    }
}
