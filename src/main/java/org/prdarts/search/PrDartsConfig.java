package org.prdarts.search;

import org.prdarts.search.reg.RegularizerConfig;
import org.prdarts.search.relax.GateConfig;
import org.prdarts.search.relax.TauSchedule;

/**
 * The settings only PR-DARTS reads.
 *
 * @param tau         the gate temperature over the epochs
 * @param gates       the hard-concrete gates
 * @param regularizer the sparsity and path terms of the architecture loss
 */
public record PrDartsConfig(TauSchedule tau, GateConfig gates, RegularizerConfig regularizer) {

    public PrDartsConfig {
        if (tau == null || gates == null || regularizer == null) {
            throw new IllegalArgumentException("prdarts settings must hold tau, gates and regularizer, found "
                    + "tau " + tau + ", gates " + gates + ", regularizer " + regularizer);
        }
    }

    public static PrDartsConfig defaults() {
        return new PrDartsConfig(TauSchedule.defaults(), GateConfig.defaults(), RegularizerConfig.defaults());
    }

    public PrDartsConfig withTau(TauSchedule newTau) {
        return new PrDartsConfig(newTau, gates, regularizer);
    }

    public PrDartsConfig withGates(GateConfig newGates) {
        return new PrDartsConfig(tau, newGates, regularizer);
    }

    public PrDartsConfig withRegularizer(RegularizerConfig newRegularizer) {
        return new PrDartsConfig(tau, gates, newRegularizer);
    }
}
