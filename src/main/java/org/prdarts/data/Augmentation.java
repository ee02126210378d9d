package org.prdarts.data;

import java.util.Arrays;
import org.prdarts.repro.Rng;

/**
 * Immutable description of how training images are turned into network input, in the order of
 * DARTS' CIFAR transform: random crop of the zero-padded image, random horizontal flip, scaling to
 * [0, 1], per-channel normalisation {@code (v - mean) / std}, then Cutout.
 *
 * <p>Mean and std may be left unset; {@link BatchLoader} then computes them from its data set with
 * {@link #statsOf(ImageDataset)}. For a test loader, pass the training loader's resolved
 * augmentation through {@link #forEvaluation()} so the test set is normalised with training
 * statistics.
 */
public final class Augmentation {

    /** Default zero padding of the random crop, as in DARTS. */
    public static final int DEFAULT_PAD = 4;

    private final boolean crop;
    private final int pad;
    private final boolean flip;
    private final int cutout;
    private final float[] mean;
    private final float[] std;

    private Augmentation(boolean crop, int pad, boolean flip, int cutout, float[] mean, float[] std) {
        if (pad < 0) {
            throw new IllegalArgumentException("pad must be >= 0, found " + pad);
        }
        if (cutout < 0) {
            throw new IllegalArgumentException("cutout must be >= 0 (0 = off), found " + cutout);
        }
        if ((mean == null) != (std == null)) {
            throw new IllegalArgumentException("mean and std must be given together");
        }
        if (mean != null) {
            if (mean.length != std.length || mean.length == 0) {
                throw new IllegalArgumentException("mean and std must have one entry per channel,"
                        + " found " + mean.length + " and " + std.length);
            }
            for (int c = 0; c < std.length; c++) {
                if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                    throw new IllegalArgumentException("std[" + c + "] must be finite and > 0 and "
                            + "mean[" + c + "] finite, found std " + std[c] + ", mean " + mean[c]);
                }
            }
        }
        this.crop = crop;
        this.pad = pad;
        this.flip = flip;
        this.cutout = cutout;
        this.mean = mean == null ? null : mean.clone();
        this.std = std == null ? null : std.clone();
    }

    /** Normalisation only (statistics computed from the data), no random transform. */
    public static Augmentation none() {
        return new Augmentation(false, DEFAULT_PAD, false, 0, null, null);
    }

    /** Random crop with padding 4 and horizontal flip, no Cutout: the DARTS search transform. */
    public static Augmentation standard() {
        return new Augmentation(true, DEFAULT_PAD, true, 0, null, null);
    }

    /** Random crop on or off. */
    public Augmentation withCrop(boolean enabled) {
        return new Augmentation(enabled, pad, flip, cutout, mean, std);
    }

    /** Zero padding on each side before the random crop (turns the crop on). */
    public Augmentation withCrop(int padding) {
        return new Augmentation(true, padding, flip, cutout, mean, std);
    }

    public Augmentation withFlip(boolean enabled) {
        return new Augmentation(crop, pad, enabled, cutout, mean, std);
    }

    /** Cutout square side in pixels; 0 turns it off. */
    public Augmentation withCutout(int length) {
        return new Augmentation(crop, pad, flip, length, mean, std);
    }

    /** Fixed per-channel statistics, in units of pixel / 255. */
    public Augmentation withNormalization(float[] channelMean, float[] channelStd) {
        return new Augmentation(crop, pad, flip, cutout, channelMean, channelStd);
    }

    /** Statistics computed from all images of {@code data}. */
    public Augmentation withStatsFrom(ImageDataset data) {
        float[][] stats = statsOf(data);
        return new Augmentation(crop, pad, flip, cutout, stats[0], stats[1]);
    }

    /** The same normalisation without any random transform: for validation and test sets. */
    public Augmentation forEvaluation() {
        return new Augmentation(false, pad, false, 0, mean, std);
    }

    public boolean crop() {
        return crop;
    }

    public int pad() {
        return pad;
    }

    public boolean flip() {
        return flip;
    }

    public int cutout() {
        return cutout;
    }

    /** Whether mean and std are set. */
    public boolean hasStats() {
        return mean != null;
    }

    /** Per-channel mean (pixel / 255), or null when not set. */
    public float[] mean() {
        return mean == null ? null : mean.clone();
    }

    /** Per-channel std (pixel / 255), or null when not set. */
    public float[] std() {
        return std == null ? null : std.clone();
    }

    /** Whether any transform draws random numbers. */
    public boolean isRandom() {
        return (crop && pad > 0) || flip || cutout > 0;
    }

    /**
     * Per-channel mean and population standard deviation of all pixels of {@code data}, in units
     * of pixel / 255: {@code {mean[], std[]}}. A constant channel gets std 1 so that normalising
     * it stays finite.
     */
    public static float[][] statsOf(ImageDataset data) {
        int c = data.channels();
        int plane = data.height() * data.width();
        long[] sum = new long[c];
        long[] sumSq = new long[c];
        byte[] px = data.rawPixels();
        for (int i = 0; i < data.size(); i++) {
            int base = i * c * plane;
            for (int ch = 0; ch < c; ch++) {
                long s = 0;
                long q = 0;
                for (int p = base + ch * plane, end = p + plane; p < end; p++) {
                    int v = px[p] & 0xFF;
                    s += v;
                    q += v * v;
                }
                sum[ch] += s;
                sumSq[ch] += q;
            }
        }
        double count = (double) data.size() * plane;
        float[] m = new float[c];
        float[] sd = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double mu = sum[ch] / count;
            double var = Math.max(0, sumSq[ch] / count - mu * mu);
            m[ch] = (float) (mu / 255);
            sd[ch] = var > 0 ? (float) (Math.sqrt(var) / 255) : 1f;
        }
        return new float[][] {m, sd};
    }

    /**
     * Transforms one C x H x W image of bytes into floats at {@code dst[dstOffset..]}, drawing crop
     * offsets, flip and Cutout centre from {@code rng} in that order (only for enabled transforms).
     * Requires the statistics to be set.
     */
    void apply(byte[] src, int srcOffset, int channels, int height, int width, float[] dst,
            int dstOffset, Rng rng) {
        if (mean == null) {
            throw new IllegalStateException("normalisation statistics are not set");
        }
        if (mean.length != channels) {
            throw new IllegalArgumentException("normalisation has " + mean.length
                    + " channels, images have " + channels);
        }
        boolean shift = crop && pad > 0;
        int oy = shift ? rng.nextInt(2 * pad + 1) - pad : 0;
        int ox = shift ? rng.nextInt(2 * pad + 1) - pad : 0;
        boolean mirror = flip && rng.nextBoolean();
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            float scale = 1f / (255f * std[c]);
            float zero = -mean[c] / std[c];
            int in = srcOffset + c * plane;
            int out = dstOffset + c * plane;
            for (int y = 0; y < height; y++) {
                int sy = y + oy;
                boolean rowInside = sy >= 0 && sy < height;
                for (int x = 0; x < width; x++) {
                    // Output column x shows cropped column (w-1-x) when mirrored.
                    int sx = (mirror ? width - 1 - x : x) + ox;
                    float v = zero;
                    if (rowInside && sx >= 0 && sx < width) {
                        v = (src[in + sy * width + sx] & 0xFF) * scale + zero;
                    }
                    dst[out + y * width + x] = v;
                }
            }
        }
        if (cutout > 0) {
            int cy = rng.nextInt(height);
            int cx = rng.nextInt(width);
            cutout(dst, dstOffset, channels, height, width, cy, cx, cutout);
        }
    }

    /**
     * Zeroes (after normalisation, as DARTS' Cutout) the square of side {@code length} with top-left
     * corner {@code (cy - length/2, cx - length/2)}, clipped to the image, in every channel. For an
     * even length this is DARTS' {@code [y - L//2, y + L//2)}; for an odd length the square keeps
     * its full side L where DARTS' would be L-1.
     */
    static void cutout(float[] img, int offset, int channels, int height, int width, int cy,
            int cx, int length) {
        int y0 = Math.max(0, cy - length / 2);
        int y1 = Math.min(height, cy - length / 2 + length);
        int x0 = Math.max(0, cx - length / 2);
        int x1 = Math.min(width, cx - length / 2 + length);
        if (y0 >= y1 || x0 >= x1) {
            return;
        }
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            for (int y = y0; y < y1; y++) {
                int row = offset + c * plane + y * width;
                Arrays.fill(img, row + x0, row + x1, 0f);
            }
        }
    }

    @Override
    public String toString() {
        return "Augmentation[crop=" + (crop ? "pad " + pad : "off") + ", flip=" + flip + ", cutout="
                + cutout + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
