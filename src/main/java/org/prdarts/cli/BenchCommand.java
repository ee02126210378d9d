package org.prdarts.cli;

import org.prdarts.host.EngineSetup;
import org.prdarts.repro.Labeled;
import org.prdarts.repro.MemoryEstimate;
import org.prdarts.host.MemoryProbe;
import org.prdarts.repro.RunIOException;
import org.prdarts.search.Method;
import org.prdarts.search.Search;
import org.prdarts.search.SearchConfig;
import org.prdarts.search.SearchMemory;
import org.prdarts.search.SupernetBenchmark;
import org.prdarts.search.relax.GateConfig;
import org.prdarts.space.ops.Primitives;
import org.prdarts.supernet.SupernetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `prdarts bench`: median step times and peak resident memory of the search supernet, DARTS and
 * PR-DARTS side by side. Each (configuration, method) runs in its own JVM, so that each peak is
 * that run's alone, and only after its memory estimate fits in the memory available.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time the weight step and the architecture step of the search supernet on random data: "
                + "median milliseconds after warm-up, DARTS and PR-DARTS (top2) side by side, and the peak "
                + "resident memory of each run (each runs in a process of its own). A run whose memory "
                + "estimate exceeds the memory available (or --max-memory) is skipped, not started.")
final class BenchCommand implements Callable<Integer> {
    /** Prefix of the one result line a child process prints. */
    static final String RESULT = "bench-result ";

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

    @Option(names = "--threads", defaultValue = "0",
            description = "Engine threads; 0 = engine default (all cores). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--max-memory", defaultValue = "0",
            description = "Skip a run whose memory estimate exceeds this many MiB; 0 = the memory available. "
                    + "Default: ${DEFAULT-VALUE}.")
    long maxMemoryMib;

    @Option(names = "--profile", paramLabel = "DIR",
            description = "Write the engine's operator profile (Chrome trace JSON) of one more, untimed weight "
                    + "step of each run to DIR/<config>-<method>.json; the peak memory then includes the "
                    + "profiler's records. Default: none (no profile).")
    Path profileDir;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Append one CSV row per measured figure to FILE: commit, date, machine, command, "
                    + "config, method, metric, value (a header first when FILE is new), e.g. docs/data/bench.csv. "
                    + "Default: none.")
    Path record;

    @Option(names = "--in-process", hidden = true,
            description = "Run the one configuration and method given here, print one result line.")
    boolean inProcess;

    @Mixin
    JsonOutput json;

    /** One benchmark shape. */
    record Shape(String name, int channels, int layers, int size, int inputChannels) {
        SupernetConfig net() {
            return new SupernetConfig(inputChannels, 10, channels, layers, 4, Primitives.DARTS);
        }

        String label() {
            return String.format(Locale.ROOT, "C=%d L=%d b64 %dx%dx%d", channels, layers, size, size, inputChannels);
        }
    }

    static Shape shape(String name) {
        return switch (name) {
            case "small" -> new Shape(name, 8, 5, 28, 1);
            case "large" -> new Shape(name, 16, 8, 32, 3);
            default -> throw new IllegalArgumentException("configs must be small or large, found '" + name + "'");
        };
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, found " + steps);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be >= 0, found " + warmup);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, found " + threads);
        }
        if (maxMemoryMib < 0) {
            throw new IllegalArgumentException("max-memory must be >= 0 MiB, found " + maxMemoryMib);
        }
        for (String m : methods) {
            Method.parse("methods", m);
        }
        GateConfig.Mode mode = Labeled.parse(GateConfig.Mode.class, "gate-mode", gateMode);
        json.check();
        if (record != null) {
            JsonOutput.requireWritable(record);
        }
        List<Shape> shapes = new ArrayList<>();
        for (String c : configs) {
            shapes.add(shape(c));
        }
        if (profileDir != null) {
            Files.createDirectories(profileDir);
        }
        if (inProcess) {
            if (shapes.size() != 1 || methods.size() != 1) {
                throw new IllegalArgumentException("--in-process runs exactly one configuration and one method");
            }
            runHere(shapes.get(0), Method.parse("methods", methods.get(0)), mode);
            return 0;
        }
        PrintStream text = json.text();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<BenchRecord.Row> figures = new ArrayList<>();
        text.printf(Locale.ROOT, "%d processors, %s %s, engine threads %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), threads == 0 ? "default" : Integer.toString(threads));
        text.println("| config | method | weight step ms | arch step ms | iteration ms | peak RSS MiB"
                + " | estimate MiB |");
        text.println("|---|---|---|---|---|---|---|");
        int status = 0;
        for (Shape s : shapes) {
            double dartsStep = Double.NaN;
            for (String m : methods) {
                MemoryEstimate e = SearchMemory.forSearch(s.net(), 64, s.size(), s.size(),
                        Method.parse("methods", m), mode);
                long limit = maxMemoryMib > 0 ? maxMemoryMib << 20 : MemoryEstimate.availableBytes();
                String name = m.equals("prdarts") ? "prdarts " + gateMode : m;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("config", s.name());
                row.put("method", name);
                row.put("estimateBytes", e.total());
                rows.add(row);
                if (e.total() > limit) {
                    row.put("outcome", "skipped");
                    text.printf(Locale.ROOT, "| %s | %s | skipped: estimated %s, more than the %s %s | | | | %.0f |%n",
                            s.label(), name, MemoryEstimate.format(e.total()), MemoryEstimate.format(limit),
                            maxMemoryMib > 0 ? "--max-memory allows" : "available", e.total() / 1048576.0);
                    continue;
                }
                double[] r = runChild(s, m, text);
                if (r == null) {
                    row.put("outcome", "failed");
                    text.printf(Locale.ROOT, "| %s | %s | failed (see above) | | | | %.0f |%n", s.label(), name,
                            e.total() / 1048576.0);
                    status = 1;
                    continue;
                }
                String ratio = "";
                if (m.equals("darts")) {
                    dartsStep = r[2];
                } else if (!Double.isNaN(dartsStep)) {
                    ratio = String.format(Locale.ROOT, " (%.2f of DARTS)", r[2] / dartsStep);
                }
                text.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f%s | %.0f | %.0f |%n", s.label(), name,
                        r[0], r[1], r[2], ratio, r[3] / 1048576.0, e.total() / 1048576.0);
                row.put("outcome", "measured");
                row.put("weightStepMs", r[0]);
                row.put("archStepMs", r[1]);
                row.put("iterationMs", r[2]);
                row.put("peakResidentBytes", r[3] < 0 ? null : (long) r[3]);
                figures.add(new BenchRecord.Row(s.label(), name, "weightStepMs", r[0]));
                figures.add(new BenchRecord.Row(s.label(), name, "archStepMs", r[1]));
                figures.add(new BenchRecord.Row(s.label(), name, "iterationMs", r[2]));
                if (r[3] >= 0) {
                    figures.add(new BenchRecord.Row(s.label(), name, "peakResidentMiB", r[3] / 1048576.0));
                }
                figures.add(new BenchRecord.Row(s.label(), name, "estimateMiB", e.total() / 1048576.0));
            }
        }
        if (record != null) {
            try {
                BenchRecord.ofThisRun(Main.commandLine()).append(record, figures);
            } catch (IOException ex) {
                throw new RunIOException("cannot write " + record + ": " + ex.getMessage(), ex);
            }
            text.println("recorded " + figures.size() + " figures in " + record);
        }
        json.write(rows);
        return status;
    }

    /** Runs one configuration and method in a child JVM; {weight, arch, iteration ms, peak bytes} or null. */
    private double[] runChild(Shape s, String method, PrintStream text) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of("bench", "--in-process", "--configs", s.name(), "--methods", method,
                "--warmup", Integer.toString(warmup), "--steps", Integer.toString(steps),
                "--gate-mode", gateMode, "--threads", Integer.toString(threads)));
        if (profileDir != null) {
            cmd.addAll(List.of("--profile", profileDir.toAbsolutePath().toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        double[] result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(RESULT)) {
                    String[] f = line.substring(RESULT.length()).trim().split(" ");
                    result = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        result[i] = Double.parseDouble(f[i]);
                    }
                } else {
                    text.println(line);
                }
            }
        }
        return p.waitFor() == 0 ? result : null;
    }

    private void runHere(Shape s, Method method, GateConfig.Mode mode) throws IOException {
        if (threads > 0) {
            EngineSetup.configure(threads, 1);
        }
        SupernetConfig net = s.net();
        SearchConfig sc = SearchConfig.defaults(method, 10, 64, 1).withGateMode(mode);
        SupernetBenchmark.Result r = SupernetBenchmark.run(method.label(), mgr -> Search.create(sc, net, mgr, s.size(), s.size()),
                net, 64, s.size(), s.size(), warmup, steps, 1,
                profileDir == null ? null : profileDir.resolve(s.name() + "-" + method.label() + ".json"));
        long peak = MemoryProbe.peakResidentBytes().orElse(-1);
        System.out.printf(Locale.ROOT, RESULT + "%.3f %.3f %.3f %d%n", r.weightStepMs(), r.archStepMs(),
                r.totalStepMs(), peak);
    }
}
