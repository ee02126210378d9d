package org.prdarts.search;

import java.util.Map;

/**
 * What one pass of a search step reports: its loss (checked finite), how many of its images were
 * classified correctly, and the value of each regularizer term it added to the loss.
 */
public record PassResult(double loss, int correct, Map<String, Double> regularizers) {

    /** A pass without regularizer terms. */
    public PassResult(double loss, int correct) {
        this(loss, correct, Map.of());
    }
}
