package org.prdarts.train;

import org.prdarts.data.ImageFolderReader;

import java.awt.image.BufferedImage;
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
        return ImageFolderReader.readImage(file);
    }

    /** The normalised C x H x W input of one image for a model. */
    public static float[] toInput(BufferedImage image, ModelInfo info) {
        NetworkConfig net = info.network();
        int c = net.inputChannels();
        int h = net.inputHeight();
        int w = net.inputWidth();
        byte[] pixels = ImageFolderReader.toPixels(image, c, h, w);
        float[] out = new float[pixels.length];
        float[] mean = info.mean();
        float[] std = info.std();
        for (int ch = 0; ch < c; ch++) {
            for (int k = 0; k < h * w; k++) {
                int i = ch * h * w + k;
                out[i] = (Byte.toUnsignedInt(pixels[i]) / 255f - mean[ch]) / std[ch];
            }
        }
        return out;
    }
}
