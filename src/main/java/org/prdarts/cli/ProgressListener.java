package org.prdarts.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.prdarts.search.SearchListener;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Draws a search's progress: a bar with ETA and running losses, a line per epoch. */
final class ProgressListener implements SearchListener, AutoCloseable {
    private final PrintStream out;
    private final String label;
    private ProgressBar bar;
    private int stepsPerEpoch;

    ProgressListener(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void started(String dataSource, int epochs, int steps, int startEpoch, int startStep) {
        out.println("data: " + dataSource);
        out.printf(Locale.ROOT, "%s: %d epochs x %d steps%n", label, epochs, steps);
        this.stepsPerEpoch = steps;
        bar = new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax((long) epochs * steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                .setMaxRenderedLength(110)
                .setUnit(" steps", 1)
                .startsFrom((long) startEpoch * steps + startStep, Duration.ZERO)
                .build();
    }

    @Override
    public void step(int epoch, int step, double trainLoss, double trainAcc, double validLoss, double validAcc) {
        bar.stepTo((long) epoch * stepsPerEpoch + step + 1);
        bar.setExtraMessage(String.format(Locale.ROOT, " ep %d loss %.3f acc %.1f%% val %.3f/%.1f%%",
                epoch + 1, trainLoss, 100 * trainAcc, validLoss, 100 * validAcc));
    }

    @Override
    public void epoch(Map<String, Object> r) {
        bar.pause();
        String tau = r.containsKey("tau") ? String.format(Locale.ROOT, " tau %.3f", (Double) r.get("tau")) : "";
        String line = String.format(Locale.ROOT,
                "epoch %d: train %.4f / %.2f%%  valid %.4f / %.2f%%  lr %.5f%s  %.1fs  skip(normal) %s depth %s",
                r.get("epoch"), r.get("trainLoss"), 100 * (Double) r.get("trainAcc"), r.get("validLoss"),
                100 * (Double) r.get("validAcc"), r.get("lr"), tau, r.get("seconds"), r.get("skipNormal"),
                r.get("depthNormal"));
        // the bar redraws on the same line: start the epoch line on a fresh one
        System.err.println();
        out.println(line);
        bar.resume();
    }

    @Override
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
