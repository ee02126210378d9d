package org.prdarts.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image-classification folder laid out as {@code root/<class>/<image>} (the layout of
 * torchvision's ImageFolder): classes are the sub-folders sorted by name, images are the
 * {@code .png}, {@code .jpg} and {@code .jpeg} files in them, sorted by name. Other files and
 * hidden entries are ignored.
 *
 * <p>Every image is converted to the requested channels (1: luminance with the ITU-R BT.601
 * weights 0.299 R + 0.587 G + 0.114 B; 3: RGB, a grey image repeated in all three) and resized to
 * the requested height and width by area averaging: each output pixel is the mean of the source
 * area it covers, with fractional weights at its edges. Area averaging does not alias when
 * shrinking (the usual case for photos) and is exact when the size is unchanged.
 */
public final class ImageFolderReader {

    private ImageFolderReader() {
    }

    /** Reads {@code root} into a set of {@code channels} x {@code height} x {@code width} images. */
    public static ImageDataset read(Path root, int channels, int height, int width,
            String description) {
        return read(root, null, channels, height, width, description);
    }

    /**
     * As {@link #read(Path, int, int, int, String)}, but requires the class folders to be exactly
     * {@code expectedClasses} (so that a test folder uses the train folder's label numbering).
     */
    public static ImageDataset read(Path root, List<String> expectedClasses, int channels,
            int height, int width, String description) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, found " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be >= 1, found " + height + "x"
                    + width);
        }
        if (!Files.isDirectory(root)) {
            throw new DataException(root + ": image folder not found");
        }
        List<Path> classDirs = list(root, Files::isDirectory);
        if (classDirs.isEmpty()) {
            throw new DataException(root + ": no class sub-folders (expected root/<class>/<image>)");
        }
        List<String> classNames = new ArrayList<>();
        for (Path dir : classDirs) {
            classNames.add(dir.getFileName().toString());
        }
        if (expectedClasses != null && !expectedClasses.equals(classNames)) {
            throw new DataException(root + ": class folders " + classNames
                    + " differ from the expected " + expectedClasses);
        }
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabels = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            List<Path> images = list(classDirs.get(c), ImageFolderReader::isImage);
            if (images.isEmpty()) {
                throw new DataException(classDirs.get(c) + ": class folder has no .png/.jpg/.jpeg"
                        + " images");
            }
            for (Path image : images) {
                files.add(image);
                fileLabels.add(c);
            }
        }
        int size = channels * height * width;
        byte[] pixels = new byte[Math.multiplyExact(files.size(), size)];
        int[] labels = new int[files.size()];
        for (int i = 0; i < files.size(); i++) {
            decode(files.get(i), channels, height, width, pixels, i * size);
            labels[i] = fileLabels.get(i);
        }
        String text = (description == null ? "image folder" : description) + " (" + files.size()
                + " images, " + classNames.size() + " classes, " + root + ")";
        return new ImageDataset(pixels, labels, channels, height, width, classNames.size(),
                classNames, text, false);
    }

    /** Decodes one file and writes it, converted and resized, at {@code dst[offset..]}. */
    static void decode(Path file, int channels, int height, int width, byte[] dst, int offset) {
        byte[] pixels = toPixels(readImage(file), channels, height, width);
        System.arraycopy(pixels, 0, dst, offset, pixels.length);
    }

    /**
     * The most pixels an image may have. A decoded image costs about 16 bytes a pixel here (the
     * ARGB raster and three float planes), so this keeps one image under 650 MB of the 4 GiB heap
     * the launcher gives; a photo of 40 megapixels (e.g. 8000 x 5000) still passes.
     */
    public static final long MAX_PIXELS = 40_000_000L;

    /**
     * Decodes one image file (PNG, JPEG, or any other format the JDK reads). The size in the header
     * is checked before decoding: a small compressed file can claim billions of pixels, and
     * decoding it would end the JVM out of memory.
     *
     * @throws DataException naming the file when it is not a regular file, too large, or cannot be decoded
     */
    public static BufferedImage readImage(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + (Files.exists(file) ? ": not a regular file (an image must be a PNG or "
                    + "JPEG file)" : ": image file not found"));
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataException(file + ": unreadable image (no decoder for this format)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > MAX_PIXELS) {
                    throw new DataException(String.format(Locale.ROOT, "%s: image of %d x %d pixels is too large "
                            + "(at most %,d pixels); shrink it first", file, w, h, MAX_PIXELS));
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new DataException(file + ": unreadable image (no decoder for this format)");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException d) {
                throw d;
            }
            throw new DataException(file + ": unreadable image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A decoded image as uint8 pixels C x H x W, converted to the channel count (grey by the
     * ITU-R BT.601 luminance, or RGB) and resized by area averaging: exactly how the images of a
     * folder data set are made, so a model sees the same input at prediction time.
     */
    public static byte[] toPixels(BufferedImage image, int channels, int height, int width) {
        float[][] planes = toPlanes(image, channels);
        byte[] out = new byte[channels * height * width];
        for (int c = 0; c < channels; c++) {
            float[] resized = resizeArea(planes[c], image.getHeight(), image.getWidth(), height,
                    width);
            for (int k = 0; k < resized.length; k++) {
                out[c * height * width + k] = (byte) Math.min(255,
                        Math.max(0, Math.round(resized[k])));
            }
        }
        return out;
    }

    /**
     * Pixel planes 0..255 in the requested channel count. Single-band 8/16-bit images are read from
     * their raster: going through getRGB would pass them through a colour-space conversion that
     * changes grey values.
     */
    static float[][] toPlanes(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        Raster raster = image.getRaster();
        boolean grey = raster.getNumBands() == 1 && image.getColorModel().getNumComponents() == 1;
        float[][] planes = new float[channels][h * w];
        if (grey) {
            int bits = image.getColorModel().getComponentSize(0);
            float scale = 255f / ((1 << bits) - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = raster.getSample(x, y, 0) * scale;
                    for (int c = 0; c < channels; c++) {
                        planes[c][y * w + x] = v;
                    }
                }
            }
            return planes;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (channels == 1) {
                    planes[0][y * w + x] = 0.299f * r + 0.587f * g + 0.114f * b;
                } else {
                    planes[0][y * w + x] = r;
                    planes[1][y * w + x] = g;
                    planes[2][y * w + x] = b;
                }
            }
        }
        return planes;
    }

    /** Area-average resize of one plane from sh x sw to th x tw. */
    static float[] resizeArea(float[] src, int sh, int sw, int th, int tw) {
        if (sh == th && sw == tw) {
            return src;
        }
        float[] tmp = new float[sh * tw];
        float[] weights = new float[sw];
        for (int x = 0; x < tw; x++) {
            int[] range = coverage(x, sw, tw, weights);
            for (int y = 0; y < sh; y++) {
                double sum = 0;
                for (int s = range[0]; s < range[1]; s++) {
                    sum += weights[s - range[0]] * src[y * sw + s];
                }
                tmp[y * tw + x] = (float) sum;
            }
        }
        float[] out = new float[th * tw];
        float[] wy = new float[sh];
        for (int y = 0; y < th; y++) {
            int[] range = coverage(y, sh, th, wy);
            for (int x = 0; x < tw; x++) {
                double sum = 0;
                for (int s = range[0]; s < range[1]; s++) {
                    sum += wy[s - range[0]] * tmp[s * tw + x];
                }
                out[y * tw + x] = (float) sum;
            }
        }
        return out;
    }

    /**
     * Source pixels [from, to) that output pixel {@code i} covers along one axis, with normalised
     * overlap weights written to {@code weights[0..to-from)}.
     */
    private static int[] coverage(int i, int srcLen, int dstLen, float[] weights) {
        double scale = (double) srcLen / dstLen;
        double start = i * scale;
        double end = (i + 1) * scale;
        int from = (int) Math.floor(start);
        int to = Math.min(srcLen, (int) Math.ceil(end - 1e-9));
        for (int s = from; s < to; s++) {
            double overlap = Math.min(end, s + 1) - Math.max(start, s);
            weights[s - from] = (float) (overlap / scale);
        }
        return new int[] {from, to};
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (name.endsWith(".png") || name.endsWith(".jpg")
                || name.endsWith(".jpeg"));
    }

    private static List<Path> list(Path dir, Predicate<Path> keep) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(keep)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }
}
