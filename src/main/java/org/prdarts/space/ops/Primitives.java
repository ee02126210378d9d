package org.prdarts.space.ops;

import java.util.List;

/**
 * The names of the DARTS candidate operations, spelled exactly as DARTS prints them, and the
 * default search space. Which names exist is the registry's to say ({@link Ops}): an operation
 * registered there is known everywhere, these lists only name the defaults and the groups the
 * regularizers read.
 */
public final class Primitives {
    public static final String NONE = "none";
    public static final String MAX_POOL_3X3 = "max_pool_3x3";
    public static final String AVG_POOL_3X3 = "avg_pool_3x3";
    public static final String SKIP_CONNECT = "skip_connect";
    public static final String SEP_CONV_3X3 = "sep_conv_3x3";
    public static final String SEP_CONV_5X5 = "sep_conv_5x5";
    public static final String DIL_CONV_3X3 = "dil_conv_3x3";
    public static final String DIL_CONV_5X5 = "dil_conv_5x5";

    /** The default search space: DARTS' operations, in the DARTS order. */
    public static final List<String> DARTS = List.of(
            NONE, MAX_POOL_3X3, AVG_POOL_3X3, SKIP_CONNECT,
            SEP_CONV_3X3, SEP_CONV_5X5, DIL_CONV_3X3, DIL_CONV_5X5);

    /** Operations with weights: the path-depth term of PR-DARTS counts these. */
    public static final List<String> PARAMETRIC = List.of(
            SEP_CONV_3X3, SEP_CONV_5X5, DIL_CONV_3X3, DIL_CONV_5X5);

    public static final List<String> POOLS = List.of(MAX_POOL_3X3, AVG_POOL_3X3);

    private Primitives() {
    }
}
