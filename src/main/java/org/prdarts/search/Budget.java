package org.prdarts.search;

import java.util.Locale;

/**
 * How a comparison shares compute between methods. The same epochs are not the same compute: a
 * PR-DARTS top-2 step runs two of the eight operations per edge, about a third of a DARTS step,
 * and the paper ran 200 PR-DARTS epochs against DARTS' 50.
 */
public enum Budget {
    /** Every method runs the epochs asked for. */
    EQUAL_EPOCHS,
    /** The paper's ratio: PR-DARTS runs 4 times the epochs asked for (200 : 50), DARTS the epochs asked for. */
    PAPER_RATIO;

    /** The epochs a method runs under this budget, given the epochs asked for. */
    public int epochs(Method method, int epochs) {
        return this == PAPER_RATIO && method == Method.PRDARTS ? 4 * epochs : epochs;
    }

    /** The command-line spelling: equal-epochs, paper-ratio. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Budget parse(String text) {
        for (Budget b : values()) {
            if (b.label().equals(text)) {
                return b;
            }
        }
        throw new IllegalArgumentException("budget must be equal-epochs or paper-ratio, found '" + text + "'");
    }
}
