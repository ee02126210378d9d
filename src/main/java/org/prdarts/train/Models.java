package org.prdarts.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import org.prdarts.repro.Json;

import java.nio.file.Path;

/**
 * Trained derived networks as DJL {@link Model}s, for use from Java:
 *
 * <pre>{@code
 * try (Model model = Models.load(Path.of("runs/20240501-120000-train"));
 *      Predictor<Image, Classifications> predictor = Models.newPredictor(model)) {
 *     Classifications c = predictor.predict(ImageFactory.getInstance().fromFile(Path.of("shoe.png")));
 *     System.out.println(c.best().getClassName());
 * }
 * }</pre>
 */
public final class Models {
    /** Model property holding model.json. */
    public static final String INFO_PROPERTY = "prdarts.model";

    private Models() {
    }

    /** Loads a model directory written by {@code prdarts train} on the CPU. */
    public static Model load(Path dir) {
        return load(dir, Device.cpu());
    }

    public static Model load(Path dir, Device device) {
        ModelInfo info = SavedModel.readInfo(dir);
        Model model = Model.newInstance("prdarts-" + dir.getFileName(), device);
        try {
            SavedModel saved = SavedModel.load(dir, model.getNDManager());
            model.setBlock(saved.network());
            model.setProperty(INFO_PROPERTY, Json.toCompactJson(info));
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The description of a model returned by {@link #load}. */
    public static ModelInfo info(Model model) {
        String json = model.getProperty(INFO_PROPERTY);
        if (json == null) {
            throw new IllegalArgumentException("model " + model.getName() + " was not loaded by Models.load");
        }
        return Json.fromJson(json, ModelInfo.class);
    }

    /** A predictor of the top-5 classes of an image. */
    public static Predictor<Image, Classifications> newPredictor(Model model) {
        return model.newPredictor(new ImageClassifierTranslator(info(model)));
    }

    public static Predictor<Image, Classifications> newPredictor(Model model, int topK) {
        return model.newPredictor(new ImageClassifierTranslator(info(model), topK));
    }
}
