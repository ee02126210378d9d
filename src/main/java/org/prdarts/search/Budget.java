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
    /** Every method searches for the same wall-clock time ({@code --time}, or the preset's), whatever its step cost. */
    EQUAL_TIME,
    /** The paper's ratio: PR-DARTS runs 4 times the epochs asked for (200 : 50), DARTS the epochs asked for. */
    PAPER_RATIO;

    /**
     * A method's search under this budget: equal time keeps the job's time budget; the epoch
     * budgets drop it and run their epochs.
     */
    public SearchConfig apply(SearchConfig sc) {
        if (this == EQUAL_TIME) {
            if (!(sc.timeBudgetSeconds() > 0)) {
                throw new IllegalArgumentException("budget equal-time needs --time (a duration such as 20m)");
            }
            return sc;
        }
        return sc.withTimeBudget(0).withEpochs(epochs(sc.method(), sc.epochs()));
    }

    /** The budget a comparison takes when none is named: equal time when the search has a time budget. */
    public static Budget defaultFor(SearchConfig sc) {
        return sc.timeBudgetSeconds() > 0 ? EQUAL_TIME : EQUAL_EPOCHS;
    }

    /** The epochs a method runs under this budget, given the epochs asked for. */
    public int epochs(Method method, int epochs) {
        return this == PAPER_RATIO && method == Method.PRDARTS ? 4 * epochs : epochs;
    }

    /** The command-line spelling: equal-epochs, equal-time, paper-ratio. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Budget parse(String text) {
        for (Budget b : values()) {
            if (b.label().equals(text)) {
                return b;
            }
        }
        throw new IllegalArgumentException("budget must be equal-epochs, equal-time or paper-ratio, found '" + text
                + "'");
    }
}
