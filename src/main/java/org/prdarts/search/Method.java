package org.prdarts.search;

import ai.djl.ndarray.NDManager;
import org.prdarts.repro.Labeled;
import org.prdarts.supernet.SupernetConfig;

/**
 * The search methods, spelled {@code darts} and {@code prdarts} on the command line and in files.
 * A constant carries all that differs between methods outside its strategy class: its display
 * name, how its strategy is made and the type of the facts its epoch records hold, so a new method
 * is a constant here, its strategy class and its facts record ({@link SearchEpoch.Facts}).
 */
public enum Method implements Labeled {
    /** DARTS (Liu, Simonyan, Yang, ICLR 2019): softmax mixing, optional second-order gradient. */
    DARTS("DARTS", DartsStrategy::new, SearchEpoch.DartsFacts.class),
    /** PR-DARTS (Zhou, Xiong, Socher, Hoi, NeurIPS 2020): hard-concrete gates and path regularization. */
    PRDARTS("PR-DARTS", PrDartsStrategy::new, SearchEpoch.PrDartsFacts.class);

    /** Makes a method's strategy for a supernet and input size. */
    @FunctionalInterface
    public interface StrategyFactory {
        BilevelStrategy create(SearchConfig config, double archLr, SupernetConfig net, NDManager manager, int height,
                               int width);
    }

    private final String displayName;
    private final StrategyFactory strategies;
    private final Class<? extends SearchEpoch.Facts> factsType;

    Method(String displayName, StrategyFactory strategies, Class<? extends SearchEpoch.Facts> factsType) {
        this.displayName = displayName;
        this.strategies = strategies;
        this.factsType = factsType;
    }

    /** The name as the papers write it ("PR-DARTS"), for headings. */
    public String displayName() {
        return displayName;
    }

    /**
     * A new strategy of this method; {@code config.method()} must be this method.
     *
     * @param archLr the architecture learning rate, resolved by the caller ({@link Search})
     */
    public BilevelStrategy strategy(SearchConfig config, double archLr, SupernetConfig net, NDManager manager,
                                    int height, int width) {
        if (config.method() != this) {
            throw new IllegalArgumentException("config method must be " + label() + ", found " + config.method());
        }
        return strategies.create(config, archLr, net, manager, height, width);
    }

    /** The record type of this method's facts in its epoch records. */
    public Class<? extends SearchEpoch.Facts> factsType() {
        return factsType;
    }

    /** The method spelled {@code text}; the message names the option, e.g. "method". */
    public static Method parse(String field, String text) {
        return Labeled.parse(Method.class, field, text);
    }

    @Override
    public String toString() {
        return label();
    }
}
