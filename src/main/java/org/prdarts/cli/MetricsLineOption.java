package org.prdarts.cli;

import org.prdarts.repro.Labeled;
import picocli.CommandLine.Option;

/**
 * {@code --metrics-line auto|always|never} (a picocli mixin): whether each epoch also prints its
 * one-line {@code name=value} record for Katib's StdOut metrics collector. On a terminal that line
 * is noise beside the human one; where standard output is read by a program it is the point.
 */
public final class MetricsLineOption {

    /** When the line is printed. */
    enum Mode implements Labeled {
        /** When standard output is not a terminal. */
        AUTO,
        ALWAYS,
        NEVER
    }

    static final String HELP = "Print each epoch's name=value metrics line (what Katib's StdOut collector reads): "
            + "auto (when standard output is not a terminal: redirected, piped or in a container), always or "
            + "never. Default: auto.";

    @Option(names = "--metrics-line", paramLabel = "auto|always|never", description = HELP)
    String metricsLine;

    /** Whether epochs print the metrics line. */
    boolean printed() {
        return switch (metricsLine == null ? Mode.AUTO : Labeled.parse(Mode.class, "metrics-line", metricsLine)) {
            // Java has a console only when standard input and output are both terminals
            case AUTO -> System.console() == null;
            case ALWAYS -> true;
            case NEVER -> false;
        };
    }
}
