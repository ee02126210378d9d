package org.prdarts.cli;

import org.prdarts.katib.MetricLine;
import org.prdarts.train.NetworkSize;
import org.prdarts.train.TrainEpoch;
import org.prdarts.train.TrainListener;

import java.io.PrintStream;
import java.util.Locale;

/** Draws a training run's progress: a bar with ETA and running loss, a line per epoch. */
final class TrainProgress extends RunProgress implements TrainListener {

    TrainProgress(PrintStream out, boolean metricsLine) {
        super(out, metricsLine);
    }

    @Override
    public void started(String dataSource, NetworkSize size, int epochs, int steps, int startEpoch, int startStep) {
        out.println("data: " + dataSource);
        out.printf(Locale.ROOT, "network: %,d parameters (+ %,d auxiliary head), %,d mult-adds per image%n",
                size.params(), size.auxParams(), size.multAdds());
        out.printf(Locale.ROOT, "train: %d epochs x %d steps%n", epochs, steps);
        startBar("train", epochs, steps, (long) startEpoch * steps + startStep);
    }

    @Override
    public void step(int epoch, int step, double trainLoss, double trainAcc) {
        advance(epoch, step, String.format(Locale.ROOT, " ep %d loss %.3f acc %.1f%%", epoch + 1, trainLoss,
                100 * trainAcc));
    }

    @Override
    public void epoch(TrainEpoch r) {
        String line = String.format(Locale.ROOT,
                "epoch %d: train %.4f / %.2f%%  test %.4f / %.2f%%  lr %.5f  drop-path %.3f  %.1fs",
                r.epoch(), r.trainLoss(), 100 * r.trainAcc(), r.testLoss(), 100 * r.testAcc(), r.lr(), r.dropPath(),
                r.seconds());
        printEpoch(line, MetricLine.of(r));
    }
}
