package org.prdarts.space;

/**
 * Height and width of a feature map.
 *
 * @param height rows
 * @param width  columns
 */
public record Resolution(int height, int width) {

    public Resolution {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("resolution must be >= 1x1, found " + height + "x" + width);
        }
    }

    /** The size after one stride-2 op of this project: every one of them gives ceil(n / 2). */
    public Resolution halved() {
        return new Resolution((height + 1) / 2, (width + 1) / 2);
    }

    /** height * width. */
    public long pixels() {
        return (long) height * width;
    }
}
