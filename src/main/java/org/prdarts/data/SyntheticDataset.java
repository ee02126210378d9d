package org.prdarts.data;

import java.util.ArrayList;
import java.util.List;
import org.prdarts.repro.Rng;

/**
 * Generated images whose class a small CNN learns in a few epochs: for end-to-end smoke runs and
 * tests that must not depend on any file.
 *
 * <p>Class {@code k} of {@code K} draws stripes at angle {@code pi * k / K} and a bright blob on a
 * circle at angle {@code 2 pi * k / K}; every image gets a random stripe phase, a random blob
 * jitter of a twentieth of the side either way, a random contrast and Gaussian pixel noise. With several
 * channels each class also has its own colour weighting. Both cues are local and oriented, the
 * kind of feature convolutions pick up, yet no single pixel separates the classes.
 *
 * <p>Everything is drawn from {@code Rng.of(seed, SYNTHETIC, part, ...)}, so a set is a pure
 * function of its arguments.
 */
public final class SyntheticDataset {

    private static final double NOISE_STD = 0.12;
    /** Blob position jitter as a fraction of the side (the full range, centred). */
    private static final double JITTER = 0.1;

    private SyntheticDataset() {
    }

    /** {@code n} images of {@code channels} x {@code size} x {@code size}, labels balanced to within one. */
    public static ImageDataset generate(int n, int channels, int size, int numClasses, long seed) {
        return generate(n, channels, size, numClasses, seed, 0);
    }

    /**
     * As {@link #generate(int, int, int, int, long)}; {@code part} tells apart sets drawn from the
     * same seed (0 for train, 1 for test) so that they share no image.
     */
    public static ImageDataset generate(int n, int channels, int size, int numClasses, long seed,
            int part) {
        return generate(n, channels, size, numClasses, seed, part, null);
    }

    /**
     * The labels of the {@code n} images {@link #generate} would make, without their pixels: cheap,
     * so that a run can pick its subset before generating anything.
     */
    public static int[] labels(int n, int numClasses, long seed, int part) {
        int[] labels = new int[n];
        int[] order = Rng.of(seed, Rng.Stream.SYNTHETIC, part, -1).permutation(n);
        for (int i = 0; i < n; i++) {
            labels[order[i]] = i % numClasses;
        }
        return labels;
    }

    /**
     * Only the images {@code which} (indices into the {@code n} that {@link #generate} would make),
     * in that order: each image is drawn from its own keyed stream, so image {@code which[j]} here
     * equals image {@code which[j]} of the whole set. A run on a subset of a large synthetic set
     * then spends no time on the images it never reads.
     *
     * @param which indices in [0, n); null = all n in order
     */
    public static ImageDataset generate(int n, int channels, int size, int numClasses, long seed,
            int part, int[] which) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, found " + n);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, found " + channels);
        }
        if (size < 4) {
            throw new IllegalArgumentException("size must be >= 4, found " + size);
        }
        if (numClasses < 2 || numClasses > 256) {
            throw new IllegalArgumentException("numClasses must be in [2, 256], found " + numClasses);
        }
        int[] all = labels(n, numClasses, seed, part);
        int count = which == null ? n : which.length;
        int[] labels = new int[count];
        for (int j = 0; j < count; j++) {
            int i = which == null ? j : which[j];
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("image index must be in [0, " + n + "), found " + i);
            }
            labels[j] = all[i];
        }
        double[][] tint = new double[numClasses][channels];
        for (int k = 0; k < numClasses; k++) {
            for (int c = 0; c < channels; c++) {
                // Each channel weighs the pattern between 0.5 and 1 by a class-dependent phase.
                tint[k][c] = channels == 1 ? 1.0
                        : 0.75 + 0.25 * Math.cos(2 * Math.PI * (k / (double) numClasses
                                + c / (double) channels));
            }
        }
        int plane = size * size;
        byte[] pixels = new byte[Math.multiplyExact(count, channels * plane)];
        double[] pattern = new double[plane];
        for (int j = 0; j < count; j++) {
            Rng rng = Rng.of(seed, Rng.Stream.SYNTHETIC, part, which == null ? j : which[j]);
            int k = labels[j];
            double angle = Math.PI * k / numClasses;
            double ux = Math.cos(angle);
            double uy = Math.sin(angle);
            double period = Math.max(3.0, size / 4.0);
            double phase = rng.nextDouble() * 2 * Math.PI;
            double blobAngle = 2 * Math.PI * k / numClasses;
            double cx = (size - 1) / 2.0 + 0.3 * size * Math.cos(blobAngle)
                    + (rng.nextDouble() - 0.5) * size * JITTER;
            double cy = (size - 1) / 2.0 + 0.3 * size * Math.sin(blobAngle)
                    + (rng.nextDouble() - 0.5) * size * JITTER;
            double sigma = size / 10.0;
            double contrast = 0.7 + 0.3 * rng.nextDouble();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double stripe = 0.5 + 0.5 * Math.sin(2 * Math.PI * (x * ux + y * uy) / period
                            + phase);
                    double dx = x - cx;
                    double dy = y - cy;
                    double blob = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                    pattern[y * size + x] = contrast * (0.35 * stripe + 0.6 * blob);
                }
            }
            int base = j * channels * plane;
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    double v = 0.05 + tint[k][c] * pattern[p] + NOISE_STD * rng.nextGaussian();
                    pixels[base + c * plane + p] = (byte) Math.max(0, Math.min(255,
                            Math.round(v * 255)));
                }
            }
        }
        List<String> names = new ArrayList<>(numClasses);
        for (int k = 0; k < numClasses; k++) {
            names.add("class" + k);
        }
        String description = "synthetic " + (part == 0 ? "train" : part == 1 ? "test" : "part " + part)
                + " (" + (which == null ? n + " images, " : count + " of " + n + " images, ") + numClasses
                + " classes, " + channels + "x" + size + "x"
                + size + ", seed " + seed + ")";
        return new ImageDataset(pixels, labels, channels, size, size, numClasses, names,
                description, false);
    }
}
