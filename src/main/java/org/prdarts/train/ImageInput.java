package org.prdarts.train;

import org.prdarts.data.DataException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a decoded image into network input the way the training images were made: converted to
 * the model's channels (grey by the ITU-R BT.601 luminance 0.299 R + 0.587 G + 0.114 B, or RGB),
 * resized to the model's size by area averaging, scaled to [0, 1] and normalised per channel with
 * the training statistics.
 */
public final class ImageInput {
    private ImageInput() {
    }

    /** Decodes a PNG or JPEG file. */
    public static BufferedImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": image file not found");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": unreadable image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new DataException(file + ": unreadable image (not a PNG or JPEG file)");
        }
        return image;
    }

    /** The normalised C x H x W input of one image for a model. */
    public static float[] toInput(BufferedImage image, ModelInfo info) {
        NetworkConfig net = info.network();
        int c = net.inputChannels();
        int h = net.inputHeight();
        int w = net.inputWidth();
        float[][] planes = planes(image, c);
        float[] out = new float[c * h * w];
        float[] mean = info.mean();
        float[] std = info.std();
        for (int ch = 0; ch < c; ch++) {
            float[] resized = resize(planes[ch], image.getHeight(), image.getWidth(), h, w);
            for (int k = 0; k < resized.length; k++) {
                // round to a byte first, as the training images were stored
                float v = Math.min(255, Math.max(0, Math.round(resized[k])));
                out[ch * h * w + k] = (v / 255f - mean[ch]) / std[ch];
            }
        }
        return out;
    }

    /** Pixel planes 0..255; single-band images are read from the raster to keep grey values exact. */
    static float[][] planes(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        Raster raster = image.getRaster();
        float[][] planes = new float[channels][h * w];
        if (raster.getNumBands() == 1 && image.getColorModel().getNumComponents() == 1) {
            float scale = 255f / ((1 << image.getColorModel().getComponentSize(0)) - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = raster.getSample(x, y, 0) * scale;
                    for (int ch = 0; ch < channels; ch++) {
                        planes[ch][y * w + x] = v;
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

    /** Area-average resize of one plane (separable: columns, then rows). */
    static float[] resize(float[] src, int sh, int sw, int th, int tw) {
        if (sh == th && sw == tw) {
            return src;
        }
        float[] tmp = new float[sh * tw];
        for (int x = 0; x < tw; x++) {
            double start = (double) x * sw / tw;
            double end = (double) (x + 1) * sw / tw;
            for (int y = 0; y < sh; y++) {
                tmp[y * tw + x] = (float) average(src, y * sw, 1, start, end, sw);
            }
        }
        float[] out = new float[th * tw];
        for (int y = 0; y < th; y++) {
            double start = (double) y * sh / th;
            double end = (double) (y + 1) * sh / th;
            for (int x = 0; x < tw; x++) {
                out[y * tw + x] = (float) average(tmp, x, tw, start, end, sh);
            }
        }
        return out;
    }

    /** Mean of a[base + s * step] over the real interval [start, end) of s, by overlap. */
    private static double average(float[] a, int base, int step, double start, double end, int len) {
        double sum = 0;
        int to = Math.min(len, (int) Math.ceil(end - 1e-9));
        for (int s = (int) Math.floor(start); s < to; s++) {
            double overlap = Math.min(end, s + 1) - Math.max(start, s);
            sum += overlap * a[base + s * step];
        }
        return sum / (end - start);
    }
}
