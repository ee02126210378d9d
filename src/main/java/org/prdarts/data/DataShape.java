package org.prdarts.data;

/**
 * What a run's memory estimate needs of its data: the image shape, the number of classes and the
 * bytes loading both sets holds at its height ({@link DataSource#loadBytes()}: the sets as read,
 * plus their shrunk copies where the run uses smaller images).
 */
public record DataShape(int channels, int height, int width, int numClasses, long bytes) {
}
