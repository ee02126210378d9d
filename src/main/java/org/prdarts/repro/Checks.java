package org.prdarts.repro;

/**
 * The bound checks of the config records, one spelling for each rule, so that every message names
 * the field, the rule and the value found in the same words ("lr must be > 0, found 0.0"). NaN
 * fails every bound.
 */
public final class Checks {
    private Checks() {
    }

    public static void positive(String field, double value) {
        if (!(value > 0)) {
            throw fails(field, "> 0", value);
        }
    }

    public static void nonNegative(String field, double value) {
        if (!(value >= 0)) {
            throw fails(field, ">= 0", value);
        }
    }

    public static void nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, found " + value);
        }
    }

    /** Greater than 0 and not infinite. */
    public static void positiveFinite(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw fails(field, "> 0 and finite", value);
        }
    }

    /** At least 0 and not infinite. */
    public static void nonNegativeFinite(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw fails(field, ">= 0 and finite", value);
        }
    }

    /** Below {@code bound}, then finite: two rules, so the message says which one failed. */
    public static void finiteBelow(String field, double value, double bound) {
        if (!(value < bound)) {
            throw fails(field, "< " + plain(bound), value);
        }
        finite(field, value);
    }

    /** Above {@code bound}, then finite. */
    public static void finiteAbove(String field, double value, double bound) {
        if (!(value > bound)) {
            throw fails(field, "> " + plain(bound), value);
        }
        finite(field, value);
    }

    public static void finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw fails(field, "finite", value);
        }
    }

    private static IllegalArgumentException fails(String field, String rule, double value) {
        return new IllegalArgumentException(field + " must be " + rule + ", found " + value);
    }

    /** A bound as written in the rule: 0 and 1 rather than 0.0 and 1.0. */
    private static String plain(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound)
                : Double.toString(bound);
    }
}
