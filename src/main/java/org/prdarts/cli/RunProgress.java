package org.prdarts.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.prdarts.report.Reports;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/** A run's progress on the terminal: one bar over all steps with ETA, epoch lines and notes above it. */
abstract class RunProgress implements AutoCloseable {
    protected final PrintStream out;
    private ProgressBar bar;
    private int stepsPerEpoch;
    private Path report;

    RunProgress(PrintStream out) {
        this.out = out;
    }

    /** Starts the bar at step {@code start} of {@code epochs * steps}. */
    void startBar(String task, int epochs, int steps, long start) {
        this.stepsPerEpoch = steps;
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax((long) epochs * steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                // redrawn in place with a carriage return: the terminal consumer instead redraws the
                // line above the cursor, which overwrites the epoch lines printed between its updates
                .setConsumer(new ConsoleProgressBarConsumer(System.err, 110))
                .setUnit(" steps", 1)
                .startsFrom(start, Duration.ZERO)
                .build();
    }

    /** Moves the bar past step {@code step} of epoch {@code epoch} (both from 0), with a running message. */
    void advance(int epoch, int step, String message) {
        bar.stepTo((long) epoch * stepsPerEpoch + step + 1);
        bar.setExtraMessage(message);
    }

    /** Prints a line above the bar. */
    void printLine(String line) {
        bar.pause();
        // the bar redraws on the same line: start the printed line on a fresh one
        System.err.println();
        out.println(line);
        bar.resume();
    }

    /** Rebuilds the run's report; a report that cannot be written is a note, never the end of the run. */
    public void filesWritten(Path runDir) {
        try {
            report = Reports.write(runDir);
        } catch (RuntimeException e) {
            note("report not written: " + e.getMessage());
        }
    }

    /** The report written last, or null. */
    Path report() {
        return report;
    }

    public void note(String message) {
        out.println("note: " + message);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
