package org.prdarts.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.Json;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search on synthetic 8x8 images, then train, eval, predict and info on the run directories. */
class TrainCliTest {

    private static final String[] DATA = {"--dataset", "synthetic", "--subset", "64", "--image-size", "8",
            "--image-channels", "1", "--batch-size", "16", "--channels", "4", "--layers", "3", "--epochs", "1",
            "--threads", "2"};

    record Result(int code, String out, String err) {
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void searchThenTrainEvalPredict(@TempDir Path dir) throws Exception {
        Path search = dir.resolve("search");
        Result s = search(concat(DATA, "--nodes", "2", "--out", search.toString()));
        assertEquals(0, s.code(), s.err());
        Path train = dir.resolve("train");
        Result t = run(concat(concat(new String[] {"train"}, DATA), "--genotype", search.toString(), "--out",
                train.toString()));
        assertEquals(0, t.code(), t.err());
        for (String f : List.of("config.json", "manifest.json", "metrics.jsonl", "genotype.json", "genotype.txt",
                "model.json", "model.params")) {
            assertTrue(Files.isRegularFile(train.resolve(f)), f);
        }
        List<String> metrics = Files.readAllLines(train.resolve("metrics.jsonl"));
        assertEquals(1, metrics.size());
        Map<?, ?> m = Json.fromJson(metrics.get(0), Map.class);
        for (String k : List.of("trainLoss", "trainAcc", "testLoss", "testAcc", "lr", "seconds")) {
            assertTrue(m.containsKey(k), k);
        }
        assertEquals(Files.readString(search.resolve("genotype.txt")), Files.readString(train.resolve("genotype.txt")));

        Result e = run("eval", "--model", train.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("test accuracy:"), e.out());
        assertTrue(e.out().contains("confusion matrix"), e.out());
        Map<?, ?> report = Json.fromJson(Files.readString(train.resolve("eval.json")), Map.class);
        assertEquals(500.0, (Double) report.get("images"), 0);
        // eval's batch of 256 may take other kernels than training's 16: allow one image in 500 to flip
        assertEquals((Double) m.get("testAcc"), (Double) report.get("accuracy"), 1.0 / 500 + 1e-9,
                "eval of the saved model reproduces the last epoch's test accuracy");

        Path png = dir.resolve("img.png");
        ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        Result p = run("predict", "--model", train.toString(), "--top-k", "2", png.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(3, p.out().strip().split("\n").length, p.out());

        // --json -: the result alone on standard output, the text on standard error
        Result pj = run("predict", "--model", train.toString(), "--top-k", "2", "--json", "-", png.toString());
        assertEquals(0, pj.code(), pj.err());
        JsonArray predictions = JsonParser.parseString(pj.out()).getAsJsonArray();
        assertEquals(png.toString(), predictions.get(0).getAsJsonObject().get("image").getAsString());
        assertEquals(2, predictions.get(0).getAsJsonObject().getAsJsonArray("top").size());
        assertTrue(pj.err().contains(p.out().strip()), "the text goes to standard error: " + pj.err());
        Path evalJson = dir.resolve("eval-result.json");
        Result ej = run("eval", "--model", train.toString(), "--json", evalJson.toString());
        assertEquals(0, ej.code(), ej.err());
        assertTrue(ej.out().contains("test accuracy:"), ej.out());
        assertEquals(Files.readString(train.resolve("eval.json")), Files.readString(evalJson),
                "--json FILE holds the result eval.json holds");

        Result i = run("info", "--genotype", "PRDARTS");
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("parameters: 3,444,814"), i.out());
    }

    private static Result search(String[] searchArgs) {
        return run(concat(new String[] {"search", "--method", "prdarts"}, searchArgs));
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Result missing = run("eval", "--model", dir.resolve("missing").toString());
        assertEquals(2, missing.code());
        assertEquals("prdarts: model directory " + dir.resolve("missing") + " does not exist",
                missing.err().strip());

        Path notImage = dir.resolve("broken.png");
        Files.writeString(notImage, "not an image");
        Result unreadable = run("predict", "--model", dir.toString(), notImage.toString());
        assertEquals(2, unreadable.code());
        assertEquals(1, unreadable.err().strip().split("\n").length, unreadable.err());
        assertTrue(unreadable.err().contains("broken.png: unreadable image"), unreadable.err());

        Result badGenotype = run(concat(new String[] {"train"}, concat(DATA, "--genotype",
                "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 4)], normal_concat=[2],"
                        + " reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1)], reduce_concat=[2])",
                "--out", dir.resolve("t").toString())));
        assertEquals(2, badGenotype.code());
        assertEquals(1, badGenotype.err().strip().split("\n").length, badGenotype.err());
        assertTrue(badGenotype.err().startsWith("prdarts: "), badGenotype.err());

        Result oddChannels = run("info", "--genotype", "DARTS_V2", "--channels", "5");
        assertEquals(2, oddChannels.code());
        assertEquals("prdarts: channels must be even and >= 2, found 5", oddChannels.err().strip());
    }
}
