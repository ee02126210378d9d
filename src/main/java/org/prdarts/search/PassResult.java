package org.prdarts.search;

/**
 * What one pass of a search step reports: its loss (checked finite) and how many of its images
 * were classified correctly.
 */
public record PassResult(double loss, int correct) {
}
