package org.prdarts.space;

/**
 * Geometry of the auxiliary classifier after a cell (DARTS AuxiliaryHeadCIFAR and
 * AuxiliaryHeadImageNet): ReLU, average pooling, 1x1 conv to {@link #HIDDEN}, BN, ReLU, conv to
 * {@link #FEATURES}, BN, ReLU, global average pooling, linear.
 *
 * <p>DARTS assumes an 8x8 (CIFAR-10) or 7x7 (ImageNet) input, which its 5x5 pooling with stride 3
 * (CIFAR) or 2 (ImageNet) brings to 2x2 and its 2x2 conv to 1x1. To serve any image size, the
 * pooling window shrinks to the input when the input is smaller than 5 and the second conv to the
 * pooled size when that is below 2; for the sizes DARTS assumes this is exactly DARTS' head.
 *
 * @param cell       the cell whose output the head reads
 * @param inChannels channels of that output
 * @param input      resolution of that output
 * @param pool       pooling window
 * @param stride     pooling stride
 * @param pooled     resolution after pooling
 * @param kernel     kernel of the second convolution
 * @param output     resolution after the second convolution
 * @param numClasses outputs of the linear layer
 */
public record AuxiliaryPlan(int cell, int inChannels, Resolution input, Resolution pool, int stride,
                            Resolution pooled, int kernel, Resolution output, int numClasses) {
    /** Channels of the head's two convolutions. */
    public static final int HIDDEN = 128;
    public static final int FEATURES = 768;

    /** The head reading the output of a cell with the given channels and resolution. */
    static AuxiliaryPlan after(int cell, int inChannels, Resolution input, boolean imagenet, int numClasses) {
        int stride = imagenet ? 2 : 3;
        Resolution pool = new Resolution(Math.min(5, input.height()), Math.min(5, input.width()));
        Resolution pooled = new Resolution((input.height() - pool.height()) / stride + 1,
                (input.width() - pool.width()) / stride + 1);
        int kernel = Math.min(2, Math.min(pooled.height(), pooled.width()));
        Resolution output = new Resolution(pooled.height() - kernel + 1, pooled.width() - kernel + 1);
        return new AuxiliaryPlan(cell, inChannels, input, pool, stride, pooled, kernel, output, numClasses);
    }
}
