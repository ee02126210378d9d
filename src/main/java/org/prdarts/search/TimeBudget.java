package org.prdarts.search;

import java.util.List;
import java.util.Locale;

/**
 * How many epochs of a search fit in a time budget ({@code --time}), from the epochs timed so far.
 * A search with a budget starts with its configured epochs as a first guess; once its first epoch
 * is timed the schedules (weight learning rate, temperature) and the architecture learning rate
 * are laid out for the epochs that fit; once more after its first searching epoch when a
 * weight-only warm-up came first (a warm-up epoch takes no architecture step, so it is cheaper than
 * the epochs after it); and once more when a quarter of the budget is spent. The last adjustment is
 * there because an epoch's cost drifts: the first epoch pays for warming the engine up, and a
 * PR-DARTS epoch gets cheaper as its gates close (measured on the long collapse setting: 15 s at
 * the first epoch, 9-10 s from the 40th, so a plan fitted from the first epoch alone ended the run
 * after 70 % of its budget). The cosine and temperature schedules give the same values at epoch 0
 * for any number of epochs, so the first epoch runs as the final plan would have run it.
 */
public final class TimeBudget {
    /**
     * The cost of a searching epoch over a warm-up epoch assumed before a searching epoch is timed:
     * the architecture step's forward and backward pass against the warm-up's forward pass alone
     * (measured on the quick preset: about 1.5). Replaced by the measured figure after the first
     * searching epoch.
     */
    public static final double SEARCH_OVER_WARMUP = 1.5;

    /** The share of the budget after which the plan is adjusted a last time. */
    public static final double LAST_ADJUSTMENT_AT = 0.25;

    private TimeBudget() {
    }

    /**
     * The epochs of a run whose completed epochs took {@code epochSeconds} each: those done, the rest
     * of the warm-up, and as many searching epochs as the remaining time holds at the rate of the
     * later half of the searching epochs timed so far, leaving out the run's first epoch when another
     * searching epoch is timed (the rest of the run costs what its latest epochs cost, not what its
     * first did). At least one searching epoch after the warm-up, even when the budget is smaller.
     *
     * @param budgetSeconds the budget of the whole run
     * @param epochSeconds  seconds of each completed epoch, in order (at least one)
     * @param warmupEpochs  weight-only epochs at the start of the run
     */
    public static int epochs(double budgetSeconds, List<Double> epochSeconds, int warmupEpochs) {
        int done = epochSeconds.size();
        if (done == 0) {
            throw new IllegalArgumentException("a time budget is fitted from at least one timed epoch");
        }
        double spent = epochSeconds.stream().mapToDouble(Double::doubleValue).sum();
        int warmCount = Math.min(warmupEpochs, done);
        double warm = warmCount > 0
                ? epochSeconds.subList(0, warmCount).stream().mapToDouble(Double::doubleValue).average().orElseThrow()
                : Double.NaN;
        List<Double> searching = epochSeconds.subList(warmCount, done);
        if (warmCount == 0 && searching.size() > 1) {
            searching = searching.subList(1, searching.size());
        }
        double search = searching.isEmpty() ? warm * SEARCH_OVER_WARMUP
                : searching.subList(searching.size() / 2, searching.size()).stream()
                        .mapToDouble(Double::doubleValue).average().orElseThrow();
        double left = budgetSeconds - spent;
        int n = done;
        while (n < warmupEpochs) {
            left -= warm;
            n++;
        }
        if (left > 0) {
            n += (int) Math.floor(left / search);
        }
        return Math.max(n, Math.max(done, warmupEpochs + 1));
    }

    /**
     * Whether the plan is fitted after the last of the completed epochs: after the first epoch,
     * after the first searching epoch, and after the epoch in which the run's time passed
     * {@link #LAST_ADJUSTMENT_AT} of the budget. A resumed run decides from the same history, so
     * it adjusts at the same epoch.
     */
    public static boolean fitsAfter(List<Double> epochSeconds, int warmupEpochs, double budgetSeconds) {
        int epoch = epochSeconds.size() - 1;
        if (epoch == 0 || epoch == warmupEpochs) {
            return true;
        }
        double before = epochSeconds.subList(0, epoch).stream().mapToDouble(Double::doubleValue).sum();
        double mark = LAST_ADJUSTMENT_AT * budgetSeconds;
        return before < mark && before + epochSeconds.get(epoch) >= mark;
    }

    /** A duration as the {@code --time} option reads it: 90s, 20m, 1h, 1h30m, or seconds as a number. */
    public static double parseSeconds(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+(\\.\\d+)?")) {
            return Double.parseDouble(t);
        }
        if (!t.matches("(\\d+h)?(\\d+m)?(\\d+s)?") || t.isEmpty()) {
            throw new IllegalArgumentException("time must be a duration such as 90s, 20m, 1h or 1h30m, found '"
                    + text + "'");
        }
        double seconds = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([hms])").matcher(t);
        while (m.find()) {
            long v = Long.parseLong(m.group(1));
            seconds += v * switch (m.group(2)) {
                case "h" -> 3600;
                case "m" -> 60;
                default -> 1;
            };
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException("time must be longer than 0 s, found '" + text + "'");
        }
        return seconds;
    }

    /** A duration for a message: 1h 05m, 9m 30s, 42 s. */
    public static String format(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return s + " s";
    }
}
