package org.prdarts.cli;

import org.prdarts.katib.MetricLine;
import org.prdarts.search.SearchEpoch;
import org.prdarts.search.SearchListener;

import java.io.PrintStream;
import java.util.Locale;

/** Draws a search's progress: a bar with ETA and running losses, a line per epoch. */
class ProgressListener extends RunProgress implements SearchListener {
    private final String label;

    ProgressListener(PrintStream out, String label, boolean metricsLine) {
        super(out, metricsLine);
        this.label = label;
    }

    @Override
    public void started(String dataSource, int epochs, int steps, int startEpoch, int startStep) {
        out.println("data: " + dataSource);
        out.printf(Locale.ROOT, "%s: %d epochs x %d steps%n", label, epochs, steps);
        startBar(label, epochs, steps, (long) startEpoch * steps + startStep);
    }

    @Override
    public void planned(int epochs, String why) {
        resize(epochs);
        printLine(why);
    }

    @Override
    public void step(int epoch, int step, double trainLoss, double trainAcc, double validLoss, double validAcc) {
        advance(epoch, step, String.format(Locale.ROOT, " ep %d loss %.3f acc %.1f%% val %.3f/%.1f%%",
                epoch + 1, trainLoss, 100 * trainAcc, validLoss, 100 * validAcc));
    }

    @Override
    public void epoch(SearchEpoch r) {
        String tau = r.facts() instanceof SearchEpoch.PrDartsFacts p
                ? String.format(Locale.ROOT, " tau %.3f", p.tau()) : "";
        String line = String.format(Locale.ROOT,
                "epoch %d: train %.4f / %.2f%%  valid %.4f / %.2f%%  lr %.5f%s  %.1fs  skip(normal) %s parametric depth %s",
                r.epoch(), r.trainLoss(), 100 * r.trainAcc(), r.validLoss(), 100 * r.validAcc(), r.lr(), tau,
                r.seconds(), r.facts().skipNormal(), r.facts().parametricDepthNormal());
        printEpoch(line, MetricLine.of(r));
    }
}
