package org.prdarts.cli;

import org.prdarts.repro.MemoryProbe;
import org.prdarts.search.Search;
import org.prdarts.search.SearchConfig;
import org.prdarts.search.SupernetBenchmark;
import org.prdarts.space.Primitives;
import org.prdarts.supernet.SupernetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `prdarts bench`: median step times of the supernet, DARTS and PR-DARTS side by side. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time the weight step and the architecture step of the search supernet on random data: "
                + "median milliseconds after warm-up, DARTS and PR-DARTS (top2) side by side, and peak "
                + "resident memory.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--configs", split = ",", defaultValue = "small,large",
            description = "small = C=8, L=5, batch 64, 28x28x1; large = C=16, L=8, batch 64, 32x32x3. "
                    + "Default: ${DEFAULT-VALUE}.")
    List<String> configs;

    @Option(names = "--methods", split = ",", defaultValue = "darts,prdarts",
            description = "Methods to time. Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--steps", defaultValue = "20", description = "Timed steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--gate-mode", defaultValue = "top2", description = "PR-DARTS gate mode. Default: ${DEFAULT-VALUE}.")
    String gateMode;

    @Override
    public Integer call() {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, found " + steps);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be >= 0, found " + warmup);
        }
        System.out.printf(Locale.ROOT, "%d processors, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"));
        System.out.println("| config | method | weight step ms | arch step ms | step ms | peak RSS MiB (process) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String c : configs) {
            int ch;
            int layers;
            int size;
            int inCh;
            switch (c) {
                case "small" -> {
                    ch = 8;
                    layers = 5;
                    size = 28;
                    inCh = 1;
                }
                case "large" -> {
                    ch = 16;
                    layers = 8;
                    size = 32;
                    inCh = 3;
                }
                default -> throw new IllegalArgumentException("configs must be small or large, found '" + c + "'");
            }
            SupernetConfig net = new SupernetConfig(inCh, 10, ch, layers, 4, Primitives.DARTS);
            double dartsStep = Double.NaN;
            for (String m : methods) {
                SearchConfig d = SearchConfig.defaults(m, 10, 64, 1);
                SearchConfig sc = d.withGateMode(gateMode);
                SupernetBenchmark.Result r = SupernetBenchmark.run(m, mgr -> Search.create(sc, net, mgr, size, size),
                        net, 64, size, size, warmup, steps, 1);
                long peak = MemoryProbe.peakResidentBytes().orElse(-1);
                String ratio = "";
                if (m.equals("darts")) {
                    dartsStep = r.totalStepMs();
                } else if (!Double.isNaN(dartsStep)) {
                    ratio = String.format(Locale.ROOT, " (%.2f of DARTS)", r.totalStepMs() / dartsStep);
                }
                System.out.printf(Locale.ROOT, "| C=%d L=%d b64 %dx%dx%d | %s | %.0f | %.0f | %.0f%s | %.0f |%n",
                        ch, layers, size, size, inCh, m, r.weightStepMs(), r.archStepMs(), r.totalStepMs(), ratio,
                        peak / 1048576.0);
            }
        }
        return 0;
    }
}
