package org.prdarts.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.prdarts.report.Reports;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A run's progress on the terminal: one bar over all steps with ETA, epoch lines and notes above it. */
abstract class RunProgress implements AutoCloseable {
    protected final PrintStream out;
    private ProgressBar bar;
    private int stepsPerEpoch;
    private volatile Path report;
    private final ExecutorService reports = Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "report-writer");
                t.setDaemon(true);
                return t;
            });
    private final AtomicBoolean queued = new AtomicBoolean();

    private final boolean metricsLine;

    /** @param metricsLine whether epochs also print their name=value line ({@link MetricsLineOption}) */
    RunProgress(PrintStream out, boolean metricsLine) {
        this.out = out;
        this.metricsLine = metricsLine;
    }

    /** An epoch's line, and below it the name=value line Katib's StdOut metrics collector reads. */
    void printEpoch(String line, String metrics) {
        printLine(metricsLine ? line + System.lineSeparator() + metrics : line);
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

    /** The run now has {@code epochs} epochs of the same steps. */
    void resize(int epochs) {
        bar.maxHint((long) epochs * stepsPerEpoch);
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

    /**
     * Rebuilds the run's report on a background thread, so the run does not wait for it (and a
     * signal sent after an epoch still finds the run mid-epoch). At most one rebuild waits: it reads
     * the newest files when it starts, so it covers every epoch finished before.
     */
    public void filesWritten(Path runDir) {
        if (queued.compareAndSet(false, true)) {
            reports.execute(() -> {
                queued.set(false);
                writeReports(runDir);
            });
        }
    }

    /** Writes the reports of a run; a report that cannot be written is a note, never the end of the run. */
    protected void writeReports(Path runDir) {
        try {
            report = Reports.write(runDir);
        } catch (RuntimeException e) {
            note("report not written: " + e.getMessage());
        }
    }

    /** The report written last, or null, once every rebuild asked for has finished. */
    Path report() {
        awaitReports();
        return report;
    }

    private void awaitReports() {
        try {
            reports.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            note("report not written: " + e.getMessage());
        }
    }

    public void note(String message) {
        out.println("note: " + message);
    }

    @Override
    public void close() {
        awaitReports();
        reports.shutdown();
        if (bar != null) {
            bar.close();
        }
    }
}
