package org.prdarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.prdarts.repro.DivergenceException;
import org.prdarts.repro.Labeled;
import org.prdarts.repro.MemoryEstimate;
import org.prdarts.host.MemoryProbe;
import org.prdarts.repro.Rng;
import org.prdarts.search.relax.GateConfig;
import org.prdarts.space.ops.Primitives;
import org.prdarts.supernet.SupernetConfig;

import java.util.Locale;

/**
 * Measures what {@link MemoryEstimate} predicts: the peak resident memory of a search process over a
 * few steps of random data, each step run as {@link Search#run} runs it (architecture step, then
 * weight step, in one per-step manager). Not a unit test: run one configuration per JVM, since the
 * peak of a process cannot be reset.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/classpath.txt) -Dai.djl.offline=true \
 *     org.prdarts.search.MemoryCalibration METHOD GATE_MODE C L BATCH SIZE IN_CHANNELS STEPS
 * e.g. ... MemoryCalibration prdarts top2 8 5 64 28 1 4
 * </pre>
 */
public final class MemoryCalibration {

    private MemoryCalibration() {
    }

    public static void main(String[] args) {
        if (args.length != 8) {
            throw new IllegalArgumentException("expected METHOD GATE_MODE C L BATCH SIZE IN_CHANNELS STEPS, found "
                    + args.length + " arguments");
        }
        String method = args[0];
        String gateMode = args[1];
        int channels = Integer.parseInt(args[2]);
        int layers = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        int size = Integer.parseInt(args[5]);
        int inChannels = Integer.parseInt(args[6]);
        int steps = Integer.parseInt(args[7]);
        SupernetConfig net = new SupernetConfig(inChannels, 10, channels, layers, 4, Primitives.DARTS);
        Method m = Method.parse("method", method);
        GateConfig.Mode mode = Labeled.parse(GateConfig.Mode.class, "gate-mode", gateMode);
        SearchConfig sc = SearchConfig.defaults(m, 1, batch, 1).withGateMode(mode);
        MemoryEstimate estimate = SearchMemory.forSearch(net, batch, size, size, m, mode);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.ones(new Shape(4)).sum().getFloat();
            long runtime = MemoryProbe.residentBytes().orElse(-1);
            BilevelStrategy strategy = Search.create(sc, net, manager, size, size);
            long afterInit = MemoryProbe.residentBytes().orElse(-1);
            Rng rng = Rng.of(1, Rng.Stream.SYNTHETIC, 7);
            for (int step = 0; step < steps; step++) {
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray x = images(scratch, rng, batch, inChannels, size);
                    NDArray y = labels(scratch, rng, batch);
                    NDArray xv = images(scratch, rng, batch, inChannels, size);
                    NDArray yv = labels(scratch, rng, batch);
                    try {
                        strategy.step(scratch, x, y, xv, yv, 0, step);
                    } catch (DivergenceException e) {
                        // random labels can diverge; the memory the step held is what is measured
                        System.out.println("step " + (step + 1) + ": " + e.getMessage());
                    }
                }
                System.out.printf(Locale.ROOT, "step %d rss %.1f MiB peak %.1f MiB%n", step + 1,
                        mib(MemoryProbe.residentBytes().orElse(-1)), mib(MemoryProbe.peakResidentBytes().orElse(-1)));
            }
            long peak = MemoryProbe.peakResidentBytes().orElse(-1);
            System.out.printf(Locale.ROOT, "%s %s C=%d L=%d batch %d %dx%dx%d: runtime %.1f MiB, after init %.1f MiB,"
                            + " measured peak %.1f MiB, estimate %.1f MiB (%+.1f %%)%n  %s%n", method, gateMode,
                    channels, layers, batch, size, size, inChannels, mib(runtime), mib(afterInit), mib(peak),
                    mib(estimate.total()), 100.0 * (estimate.total() - peak) / peak, estimate.describe());
        }
    }

    static NDArray images(NDManager m, Rng rng, int batch, int channels, int size) {
        float[] v = new float[batch * channels * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return m.create(v, new Shape(batch, channels, size, size));
    }

    static NDArray labels(NDManager m, Rng rng, int batch) {
        long[] v = new long[batch];
        for (int i = 0; i < batch; i++) {
            v[i] = rng.nextInt(10);
        }
        return m.create(v).toType(DataType.INT64, false);
    }

    static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
