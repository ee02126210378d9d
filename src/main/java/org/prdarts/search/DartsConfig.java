package org.prdarts.search;

/**
 * The settings only DARTS reads.
 *
 * @param secondOrder the second-order (unrolled) architecture gradient instead of the first-order one
 */
public record DartsConfig(boolean secondOrder) {

    public static DartsConfig defaults() {
        return new DartsConfig(false);
    }
}
