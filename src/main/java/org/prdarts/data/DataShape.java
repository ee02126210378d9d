package org.prdarts.data;

/**
 * What a run's memory estimate needs of its data: the image shape, the number of classes and the
 * bytes both sets take in memory.
 */
public record DataShape(int channels, int height, int width, int numClasses, long bytes) {
}
