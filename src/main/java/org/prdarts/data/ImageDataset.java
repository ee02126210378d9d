package org.prdarts.data;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable in-memory image classification set: unsigned 8-bit pixels in N x C x H x W order,
 * one integer label per image, and the class names.
 *
 * <p>Pixels stay as bytes (a quarter of the memory of floats) until a batch is assembled; see
 * {@link BatchLoader}.
 */
public final class ImageDataset {

    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;
    private final List<String> classNames;
    private final String description;

    /**
     * Wraps the given arrays after validating them; the arrays are copied so the set cannot change
     * afterwards.
     *
     * @param pixels uint8 pixels, {@code labels.length * channels * height * width} bytes, N x C x H x W
     * @param labels class index of each image, each in {@code [0, numClasses)}
     * @param classNames one name per class ({@code numClasses} entries)
     * @param description one line saying what the set is and where it came from
     */
    public ImageDataset(byte[] pixels, int[] labels, int channels, int height, int width,
            int numClasses, List<String> classNames, String description) {
        this(pixels.clone(), labels.clone(), channels, height, width, numClasses, classNames,
                description, true);
    }

    /** Takes ownership of the arrays without copying; callers in this package pass fresh arrays. */
    ImageDataset(byte[] pixels, int[] labels, int channels, int height, int width, int numClasses,
            List<String> classNames, String description, boolean validate) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, found " + channels);
        }
        if (height < 1) {
            throw new IllegalArgumentException("height must be >= 1, found " + height);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, found " + width);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, found " + numClasses);
        }
        if (classNames.size() != numClasses) {
            throw new IllegalArgumentException("classNames must have numClasses = " + numClasses
                    + " entries, found " + classNames.size());
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels must have N*C*H*W = " + expected
                    + " bytes, found " + pixels.length);
        }
        if (validate) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= numClasses) {
                    throw new IllegalArgumentException("label of image " + i + " must be in [0, "
                            + numClasses + "), found " + labels[i]);
                }
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
        this.classNames = List.copyOf(classNames);
        this.description = description == null ? "" : description;
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Bytes per image: channels * height * width. */
    public int imageSize() {
        return channels * height * width;
    }

    public int numClasses() {
        return numClasses;
    }

    public List<String> classNames() {
        return classNames;
    }

    public String description() {
        return description;
    }

    /** Class index of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Unsigned value 0..255 of one pixel. */
    public int pixel(int image, int channel, int y, int x) {
        if (channel < 0 || channel >= channels || y < 0 || y >= height || x < 0 || x >= width) {
            throw new IndexOutOfBoundsException("pixel (" + channel + ", " + y + ", " + x
                    + ") outside " + channels + "x" + height + "x" + width);
        }
        return pixels[checkIndex(image) * imageSize() + (channel * height + y) * width + x] & 0xFF;
    }

    /** A copy of image {@code i}'s bytes in C x H x W order. */
    public byte[] image(int i) {
        int size = imageSize();
        return Arrays.copyOfRange(pixels, checkIndex(i) * size, (i + 1) * size);
    }

    /** Copies image {@code i}'s bytes (C x H x W) into {@code dst} starting at {@code offset}. */
    public void copyImage(int i, byte[] dst, int offset) {
        int size = imageSize();
        System.arraycopy(pixels, checkIndex(i) * size, dst, offset, size);
    }

    /** Number of images of each class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The images at {@code indices}, in that order (repeats allowed), as a new set whose
     * description notes the subset.
     */
    public ImageDataset subset(int[] indices) {
        int size = imageSize();
        byte[] px = new byte[Math.multiplyExact(indices.length, size)];
        int[] lb = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = checkIndex(indices[k]);
            System.arraycopy(pixels, i * size, px, k * size, size);
            lb[k] = labels[i];
        }
        return new ImageDataset(px, lb, channels, height, width, numClasses, classNames,
                description + ", subset of " + indices.length, false);
    }

    /**
     * The images shrunk by an integer factor, each output pixel the rounded mean of a factor x factor
     * block (box filter): the standard way to make a small fixed-size set cheaper to search on.
     */
    public ImageDataset downsample(int factor) {
        if (factor < 1 || height % factor != 0 || width % factor != 0) {
            throw new IllegalArgumentException("downsampling factor must divide the image size " + height + "x"
                    + width + ", found " + factor);
        }
        if (factor == 1) {
            return this;
        }
        int h = height / factor;
        int w = width / factor;
        int area = factor * factor;
        byte[] px = new byte[labels.length * channels * h * w];
        for (int n = 0; n < labels.length; n++) {
            for (int c = 0; c < channels; c++) {
                int src = (n * channels + c) * height * width;
                int dst = (n * channels + c) * h * w;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int sum = 0;
                        for (int dy = 0; dy < factor; dy++) {
                            for (int dx = 0; dx < factor; dx++) {
                                sum += pixels[src + (y * factor + dy) * width + x * factor + dx] & 0xFF;
                            }
                        }
                        px[dst + y * w + x] = (byte) ((sum + area / 2) / area);
                    }
                }
            }
        }
        return new ImageDataset(px, labels.clone(), channels, h, w, numClasses, classNames,
                description + ", downsampled to " + h + "x" + w, false);
    }

    /**
     * The same images with their labels permuted once (Fisher-Yates from the run's keyed generator):
     * the class counts are kept and any tie between an image and its label is broken, so a search
     * on it learns nothing about the images; its architecture logits are the noise floor.
     */
    public ImageDataset withShuffledLabels(long seed) {
        int[] l = labels.clone();
        org.prdarts.repro.Rng rng = org.prdarts.repro.Rng.of(seed, org.prdarts.repro.Rng.Stream.LABEL_SHUFFLE);
        for (int i = l.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = l[i];
            l[i] = l[j];
            l[j] = t;
        }
        return new ImageDataset(pixels, l, channels, height, width, numClasses, classNames,
                description + ", labels shuffled", false);
    }

    /** The same images with another description. */
    public ImageDataset withDescription(String newDescription) {
        return new ImageDataset(pixels, labels, channels, height, width, numClasses, classNames,
                newDescription, false);
    }

    /** Shared, not copied: for readers in this package that only read it. */
    byte[] rawPixels() {
        return pixels;
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= labels.length) {
            throw new IndexOutOfBoundsException("image index must be in [0, " + labels.length
                    + "), found " + i);
        }
        return i;
    }

    @Override
    public String toString() {
        return description + " [" + size() + " x " + channels + "x" + height + "x" + width + ", "
                + numClasses + " classes]";
    }
}
