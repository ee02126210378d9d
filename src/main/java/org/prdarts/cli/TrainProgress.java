package org.prdarts.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.prdarts.train.NetworkSize;
import org.prdarts.train.TrainListener;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Draws a training run's progress: a bar with ETA and running loss, a line per epoch. */
final class TrainProgress implements TrainListener, AutoCloseable {
    private final PrintStream out;
    private ProgressBar bar;
    private int stepsPerEpoch;

    TrainProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(String dataSource, NetworkSize size, int epochs, int steps) {
        out.println("data: " + dataSource);
        out.printf(Locale.ROOT, "network: %,d parameters (+ %,d auxiliary head), %,d mult-adds per image%n",
                size.params(), size.auxParams(), size.multAdds());
        out.printf(Locale.ROOT, "train: %d epochs x %d steps%n", epochs, steps);
        this.stepsPerEpoch = steps;
        bar = new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax((long) epochs * steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                .setMaxRenderedLength(110)
                .setUnit(" steps", 1)
                .startsFrom(0, Duration.ZERO)
                .build();
    }

    @Override
    public void step(int epoch, int step, double trainLoss, double trainAcc) {
        bar.stepTo((long) epoch * stepsPerEpoch + step + 1);
        bar.setExtraMessage(String.format(Locale.ROOT, " ep %d loss %.3f acc %.1f%%", epoch + 1, trainLoss,
                100 * trainAcc));
    }

    @Override
    public void epoch(Map<String, Object> r) {
        bar.pause();
        String line = String.format(Locale.ROOT,
                "epoch %d: train %.4f / %.2f%%  test %.4f / %.2f%%  lr %.5f  drop-path %.3f  %.1fs",
                r.get("epoch"), r.get("trainLoss"), 100 * (Double) r.get("trainAcc"), r.get("testLoss"),
                100 * (Double) r.get("testAcc"), r.get("lr"), r.get("dropPath"), r.get("seconds"));
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
