package org.prdarts.search;

import org.prdarts.data.DataConfig;
import org.prdarts.host.MemoryProbe;
import org.prdarts.space.ops.Primitives;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that native memory stays flat over a long search: runs {@link Search#run} for at least 300
 * steps on synthetic images and prints the resident size every 25 steps. A per-step tensor that
 * escapes its step's manager shows as a steady climb; a flat series (after the first steps, where
 * the allocator reaches its working size) means none does. Not a unit test: it takes minutes.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/classpath.txt) -Dai.djl.offline=true \
 *     org.prdarts.search.ResidentMemoryCheck [METHOD [STEPS [CHANNELS LAYERS SIZE BATCH]]]
 * </pre>
 *
 * Defaults: prdarts, 300 steps, C=4, L=3 (N=4, the DARTS ops), 16x16x1 synthetic images, batch 16.
 * The search runs whole epochs (2,000 synthetic images split in half, 63 steps of 16), so it
 * stops at the first epoch end at or after the requested step count. It prints one line per 25 steps, then
 * the growth from step 25 to the last step.
 */
public final class ResidentMemoryCheck {
    private static final int EVERY = 25;

    private ResidentMemoryCheck() {
    }

    public static void main(String[] args) throws IOException {
        String method = args.length > 0 ? args[0] : "prdarts";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int channels = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int layers = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int size = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        DataConfig data = new DataConfig("synthetic", null, 0, 0.5, false, 0, 1, size);
        // 2,000 synthetic images, half of them for the weights: whole epochs of about 1000 / batch steps
        int perEpoch = 1000 / batch;
        int epochs = (steps + perEpoch - 1) / perEpoch;
        int[] done = {0};
        SearchConfig sc = SearchConfig.defaults(Method.parse("method", method), epochs, batch, 1);
        Path out = Files.createTempDirectory("resident-check");
        // one engine thread: on a busy machine OpenMP workers spinning for a core cost far more
        // than they save, and memory does not depend on the thread count
        SearchJob job = new SearchJob("check", data, channels, layers, 4, Primitives.DARTS, sc, "cpu", 1,
                out.resolve("run"));
        List<long[]> samples = new ArrayList<>();
        SearchListener listener = new SearchListener() {
            @Override
            public void step(int epoch, int step, double trainLoss, double trainAcc, double validLoss,
                             double validAcc) {
                int global = ++done[0];
                if (global % EVERY == 0) {
                    long rss = MemoryProbe.residentBytes().orElse(-1);
                    samples.add(new long[] {global, rss});
                    System.out.printf(Locale.ROOT, "%s step %4d  VmRSS %7.1f MiB  VmHWM %7.1f MiB  train loss %.3f%n",
                            method, global, rss / 1048576.0,
                            MemoryProbe.peakResidentBytes().orElse(-1) / 1048576.0, trainLoss);
                }
            }
        };
        long t0 = System.nanoTime();
        try {
            Search.runs().run(job, 0, listener, List.of());
        } finally {
            deleteTree(out);
        }
        report(method, samples, 0, t0);
        // the allocator grows to its working size over the first epoch or two; a leak keeps climbing
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i)[0] >= 100) {
                report(method, samples, i, t0);
                break;
            }
        }
    }

    private static void report(String method, List<long[]> samples, int from, long t0) {
        if (samples.size() - from < 2) {
            return;
        }
        long[] first = samples.get(from);
        long[] last = samples.get(samples.size() - 1);
        double growth = (last[1] - first[1]) / 1048576.0;
        System.out.printf(Locale.ROOT, "%s: VmRSS %+.1f MiB from step %d to step %d (%.3f MiB per 100 steps),"
                        + " %.0f s%n", method, growth, first[0], last[0], 100 * growth / (last[0] - first[0]),
                (System.nanoTime() - t0) / 1e9);
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
