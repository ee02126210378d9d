package org.prdarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.prdarts.repro.Rng;
import org.prdarts.supernet.SupernetConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Times the weight step and the architecture step of a search strategy on random data of a given
 * shape: median milliseconds after warm-up. Used by the `bench` command; never by tests.
 */
public final class SupernetBenchmark {

    /** Median step times of one strategy, in milliseconds. */
    public record Result(String label, double weightStepMs, double archStepMs, double totalStepMs,
                         int steps) {
    }

    private SupernetBenchmark() {
    }

    /**
     * @param factory builds the strategy from a long-lived manager
     * @param profile where to write the engine's operator profile (a Chrome trace) of one more,
     *                untimed weight step after the timed ones; null for none
     */
    public static Result run(String label, Function<NDManager, BilevelStrategy> factory, SupernetConfig net,
                             int batch, int height, int width, int warmup, int steps, long seed, Path profile)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            BilevelStrategy s = factory.apply(manager);
            double[] w = new double[steps];
            double[] a = new double[steps];
            Rng rng = Rng.of(seed, Rng.Stream.SYNTHETIC, 99);
            for (int i = 0; i < warmup + steps; i++) {
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray x = random(scratch, rng, batch, net.inputChannels(), height, width);
                    NDArray y = labels(scratch, rng, batch, net.numClasses());
                    NDArray xv = random(scratch, rng, batch, net.inputChannels(), height, width);
                    NDArray yv = labels(scratch, rng, batch, net.numClasses());
                    long t0 = System.nanoTime();
                    try (NDManager pass = scratch.newSubManager()) {
                        s.attachArchitecture(pass);
                        s.archStep(pass, x, y, xv, yv, i);
                    }
                    long t1 = System.nanoTime();
                    try (NDManager pass = scratch.newSubManager()) {
                        s.attachArchitecture(pass);
                        s.weightStep(pass, x, y, i);
                    }
                    long t2 = System.nanoTime();
                    if (i >= warmup) {
                        a[i - warmup] = (t1 - t0) / 1e6;
                        w[i - warmup] = (t2 - t1) / 1e6;
                    }
                }
            }
            if (profile != null) {
                profileWeightStep(manager, s, rng, net, batch, height, width, warmup + steps, profile);
            }
            double[] total = new double[steps];
            for (int i = 0; i < steps; i++) {
                total[i] = w[i] + a[i];
            }
            return new Result(label, median(w), median(a), median(total), steps);
        }
    }

    private static void profileWeightStep(NDManager manager, BilevelStrategy s, Rng rng, SupernetConfig net,
                                          int batch, int height, int width, int step, Path profile)
            throws IOException {
        Path partial = profile.resolveSibling(profile.getFileName() + ".partial");
        try (NDManager scratch = manager.newSubManager()) {
            NDArray x = random(scratch, rng, batch, net.inputChannels(), height, width);
            NDArray y = labels(scratch, rng, batch, net.numClasses());
            JniUtils.startProfile(false, true, true);
            try (NDManager pass = scratch.newSubManager()) {
                s.attachArchitecture(pass);
                s.weightStep(pass, x, y, step);
            } finally {
                JniUtils.stopProfile(partial.toString());
            }
        }
        Files.move(partial, profile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static NDArray random(NDManager m, Rng rng, int b, int c, int h, int w) {
        float[] v = new float[b * c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return m.create(v, new Shape(b, c, h, w));
    }

    private static NDArray labels(NDManager m, Rng rng, int b, int classes) {
        long[] v = new long[b];
        for (int i = 0; i < b; i++) {
            v[i] = rng.nextInt(classes);
        }
        return m.create(v).toType(DataType.INT64, false);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
