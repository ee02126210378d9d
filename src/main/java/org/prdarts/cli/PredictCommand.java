package org.prdarts.cli;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.translate.TranslateException;
import org.prdarts.train.ImageInput;
import org.prdarts.train.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** `prdarts predict`: the top classes of PNG or JPEG images under a trained model. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify PNG or JPEG images with a trained model (converted to its channels and size).")
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model directory (a 'prdarts train' run directory).")
    Path model;

    @Option(names = "--top-k", defaultValue = "5", description = "Classes to show per image. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Mixin
    JsonOutput json;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG files.")
    List<Path> images;

    @Override
    public Integer call() throws TranslateException {
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be >= 1, found " + topK);
        }
        json.check();
        // decode everything first, so a bad file stops the run before any output
        List<Image> decoded = new ArrayList<>();
        for (Path p : images) {
            decoded.add(ImageFactory.getInstance().fromImage(ImageInput.read(p)));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        try (Model m = Models.load(model);
             Predictor<Image, Classifications> predictor = Models.newPredictor(m, topK)) {
            for (int i = 0; i < images.size(); i++) {
                Classifications c = predictor.predict(decoded.get(i));
                List<Map<String, Object>> top = new ArrayList<>();
                for (Classifications.Classification item : c.topK(topK)) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("class", item.getClassName());
                    entry.put("probability", item.getProbability());
                    top.add(entry);
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("image", images.get(i).toString());
                r.put("top", top);
                results.add(r);
            }
        }
        PrintStream text = json.text();
        for (Map<String, Object> r : results) {
            text.println(r.get("image"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> top = (List<Map<String, Object>>) r.get("top");
            for (Map<String, Object> e : top) {
                text.printf(Locale.ROOT, "  %6.2f %%  %s%n", 100 * (Double) e.get("probability"), e.get("class"));
            }
        }
        json.write(results);
        return 0;
    }
}
