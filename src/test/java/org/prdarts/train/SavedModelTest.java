package org.prdarts.train;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.data.DataConfig;
import org.prdarts.space.Genotypes;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SavedModelTest {

    static ModelInfo info(NetworkConfig net) {
        return new ModelInfo(ModelInfo.FORMAT, net, List.of("a", "b", "c", "d", "e"), new float[] {0.5f},
                new float[] {0.25f}, DataConfig.defaults("synthetic").withImage(1, 8), 1);
    }

    @Test
    void reloadedModelGivesTheSameLogitsAndPredictsFromAPng(@TempDir Path dir) throws Exception {
        NetworkConfig net = DerivedNetworkTest.tiny(Genotypes.DARTS_V2, true, false, 1, 8);
        float[] before;
        NDArray probe;
        try (NDManager m = NDManager.newBaseManager()) {
            DerivedNetwork a = new DerivedNetwork(net);
            a.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            // a few training passes move the BN running statistics away from their start
            for (int i = 0; i < 3; i++) {
                a.forward(ps, m.randomNormal(new Shape(4, 1, 8, 8)), null, true);
            }
            probe = m.randomNormal(new Shape(3, 1, 8, 8));
            before = a.forward(ps, probe, null, false).logits().toFloatArray();
            SavedModel.save(dir, a, info(net));
            float[] probeData = probe.toFloatArray();
            try (NDManager m2 = NDManager.newBaseManager()) {
                SavedModel b = SavedModel.load(dir, m2);
                assertEquals(net, b.info().network());
                float[] after = b.network().forward(new ParameterStore(m2, false),
                        m2.create(probeData, new Shape(3, 1, 8, 8)), null, false).logits().toFloatArray();
                assertArrayEquals(before, after, 1e-5f);
            }
        }
        // a 16x16 RGB PNG is converted to the model's 1x8x8 input
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, (x * 16) << 16 | (y * 16) << 8 | 200);
            }
        }
        Path png = dir.resolve("probe.png");
        ImageIO.write(img, "png", png.toFile());
        try (Model model = Models.load(dir);
             Predictor<Image, Classifications> p = Models.newPredictor(model, 3)) {
            Classifications c = p.predict(ImageFactory.getInstance().fromFile(png));
            assertEquals(5, c.getClassNames().size());
            double sum = c.getProbabilities().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(1.0, sum, 1e-5);
            assertEquals(3, c.topK().size());
            // same input by hand: grey = BT.601 luminance, 2x2 area average, (v/255 - 0.5) / 0.25
            float[] x = ImageInput.toInput(img, info(net));
            float expected00 = (float) ((Math.round(0.299 * 8 + 0.587 * 8 + 0.114 * 200) / 255.0 - 0.5) / 0.25);
            assertEquals(expected00, x[0], 1e-5f);
        }
    }

    @Test
    void missingOrMismatchedModelsFailWithOneLine(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SavedModel.readInfo(dir.resolve("nope")));
        assertEquals("model directory " + dir.resolve("nope") + " does not exist", e.getMessage());
        NetworkConfig net = DerivedNetworkTest.tiny(Genotypes.DARTS_V2, false, false, 1, 8);
        try (NDManager m = NDManager.newBaseManager()) {
            DerivedNetwork a = new DerivedNetwork(net);
            a.initialize(m);
            SavedModel.save(dir, a, info(net));
        }
        // model.json now describes another genotype than the saved parameters
        String json = Files.readString(dir.resolve(SavedModel.INFO));
        NetworkConfig other = DerivedNetworkTest.tiny(Genotypes.PRDARTS, false, false, 1, 8);
        Files.writeString(dir.resolve(SavedModel.INFO), org.prdarts.repro.Json.toPrettyJson(info(other)));
        // as a checksum file of an earlier version, which covers model.params only
        Path sums = dir.resolve(SavedModel.CHECKSUM);
        Files.writeString(sums, Files.readAllLines(sums).get(0) + "\n");
        try (NDManager m = NDManager.newBaseManager()) {
            e = assertThrows(IllegalArgumentException.class, () -> SavedModel.load(dir, m));
            assertTrue(e.getMessage().startsWith(dir.resolve(SavedModel.PARAMS) + " does not fit the network of"),
                    e.getMessage());
            assertTrue(!e.getMessage().contains("\n"));
        }
        assertTrue(json.contains("\"genotype\""));
    }
}
