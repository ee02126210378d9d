package org.prdarts.train;

import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL translator of a trained derived network: an image in (converted to the model's channels and
 * size, normalised with its training statistics), class probabilities out. It keeps DJL's default
 * stacking batchifier, so {@code Predictor.batchPredict} works too.
 */
public final class ImageClassifierTranslator implements Translator<Image, Classifications> {
    private final ModelInfo info;
    private final int topK;

    /** Classifications report the top 5 classes (or all, when there are fewer). */
    public ImageClassifierTranslator(ModelInfo info) {
        this(info, 5);
    }

    public ImageClassifierTranslator(ModelInfo info, int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be >= 1, found " + topK);
        }
        this.info = info;
        this.topK = topK;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        Object wrapped = input.getWrappedImage();
        if (!(wrapped instanceof BufferedImage image)) {
            throw new IllegalArgumentException("image must come from DJL's BufferedImageFactory, found "
                    + (wrapped == null ? "null" : wrapped.getClass().getName()));
        }
        NetworkConfig net = info.network();
        float[] x = ImageInput.toInput(image, info);
        return new NDList(ctx.getNDManager().create(x,
                new Shape(net.inputChannels(), net.inputHeight(), net.inputWidth())));
    }

    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        NDArray probs = list.get(0).softmax(-1);
        float[] p = probs.toFloatArray();
        List<Double> values = new ArrayList<>(p.length);
        for (float v : p) {
            values.add((double) v);
        }
        Classifications c = new Classifications(info.classNames(), values);
        c.setTopK(Math.min(topK, p.length));
        return c;
    }
}
