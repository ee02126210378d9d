package org.prdarts.cli;

import com.google.gson.JsonObject;
import org.prdarts.repro.Json;
import org.prdarts.space.CellStats;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.Genotypes;
import org.prdarts.train.NetworkConfig;
import org.prdarts.train.NetworkSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** `prdarts info`: the size of a genotype's network, computed without building it. */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Parameters and mult-adds per image of a genotype's network (docs/method.md section 8 "
                + "convention, auxiliary head counted apart), and the genotype as text.")
final class InfoCommand implements Callable<Integer> {

    @Option(names = "--genotype", required = true, description = "A published name, a .json/.txt file, a search "
            + "run directory, or DARTS notation.")
    String genotype;

    @Option(names = "--dataset", description = "Image shape and classes of: fashion-mnist, mnist (1x28x28, 10), "
            + "cifar10 (3x32x32, 10), cifar100 (3x32x32, 100), imagenet (3x224x224, 1000). Default: cifar10, "
            + "or imagenet with --imagenet.")
    String dataset;

    @Option(names = "--channels", description = "C. Default: 36 (CIFAR), 48 (--imagenet).")
    Integer channels;

    @Option(names = "--layers", description = "L. Default: 20 (CIFAR), 14 (--imagenet).")
    Integer layers;

    @Option(names = "--imagenet", description = "ImageNet-style network (two-stage stem).")
    boolean imagenet;

    @Option(names = "--image-size", description = "Image side, overriding the data set's.")
    Integer imageSize;

    @Option(names = "--image-channels", description = "Image channels (1 or 3), overriding the data set's.")
    Integer imageChannels;

    @Option(names = "--classes", description = "Classes, overriding the data set's.")
    Integer classes;

    @Option(names = "--auxiliary", negatable = true, defaultValue = "true",
            description = "Count the auxiliary head (reported apart). Default: on.")
    boolean auxiliary;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        json.check();
        Genotype g = Genotypes.resolve(genotype);
        String set = dataset == null ? (imagenet ? "imagenet" : "cifar10") : dataset.toLowerCase(Locale.ROOT);
        int[] shape = switch (set) {
            case "fashion-mnist", "mnist" -> new int[] {1, 28, 10};
            case "cifar10" -> new int[] {3, 32, 10};
            case "cifar100" -> new int[] {3, 32, 100};
            case "imagenet" -> new int[] {3, 224, 1000};
            default -> throw new IllegalArgumentException("dataset must be one of fashion-mnist, mnist, cifar10, "
                    + "cifar100, imagenet, found '" + dataset + "'");
        };
        int c = channels != null ? channels : imagenet ? 48 : 36;
        int l = layers != null ? layers : imagenet ? 14 : 20;
        int size = imageSize != null ? imageSize : shape[1];
        NetworkConfig net = new NetworkConfig(g, imageChannels != null ? imageChannels : shape[0], size, size,
                classes != null ? classes : shape[2], c, l, auxiliary, imagenet, 0);
        NetworkSize s = NetworkSize.of(net);
        PrintStream text = json.text();
        text.println("genotype: " + GenotypeFormat.format(g));
        printCell(text, "normal", g.normal(), g.normalConcat());
        printCell(text, "reduce", g.reduce(), g.reduceConcat());
        text.printf(Locale.ROOT, "network: %s, %dx%dx%d images, %d classes, C=%d, L=%d%n",
                imagenet ? "ImageNet-style" : "CIFAR-style", net.inputChannels(), size, size, net.numClasses(), c, l);
        text.printf(Locale.ROOT, "parameters: %,d (%.2f M)%n", s.params(), s.params() / 1e6);
        text.printf(Locale.ROOT, "mult-adds per image: %,d (%.1f M)%n", s.multAdds(), s.multAdds() / 1e6);
        if (auxiliary) {
            text.printf(Locale.ROOT, "auxiliary head: %,d parameters, %,d mult-adds (not included above)%n",
                    s.auxParams(), s.auxMultAdds());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("genotype", GenotypeFormat.format(g));
        result.put("normal", cellFacts(g.normal()));
        result.put("reduce", cellFacts(g.reduce()));
        result.put("network", Json.object().put("imagenet", imagenet).put("inputChannels", net.inputChannels())
                .put("imageSize", size).put("classes", net.numClasses()).put("channels", c).put("layers", l).build());
        result.put("size", s);
        json.write(result);
        return 0;
    }

    private static JsonObject cellFacts(List<Genotype.Pair> cell) {
        return Json.object().put("skipConnect", CellStats.skipCount(cell)).put("depth", CellStats.nodeDepth(cell)).build();
    }

    private static void printCell(PrintStream text, String name, List<Genotype.Pair> cell, List<Integer> concat) {
        text.printf(Locale.ROOT, "%s cell: %s concat %s; %d skip_connect, depth %d%n", name,
                GenotypeFormat.formatCell(cell), concat, CellStats.skipCount(cell), CellStats.nodeDepth(cell));
    }
}
