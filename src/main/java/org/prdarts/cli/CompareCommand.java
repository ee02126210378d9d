package org.prdarts.cli;

import org.prdarts.report.Reports;
import org.prdarts.search.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** `prdarts compare`: DARTS and PR-DARTS on the same data, budget and seeds. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run DARTS and PR-DARTS with the same data, budget and seeds and tabulate the cells "
                + "they derive (skip connections, depth, accuracy, time).")
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--seeds", split = ",", defaultValue = "1",
            description = "Seeds, comma-separated; each method runs once per seed. Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--methods", split = ",", defaultValue = "darts,prdarts",
            description = "Methods to compare. Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(names = "--out", description = "Comparison directory (one run directory per method and seed "
            + "inside, plus compare.md, compare.csv, compare.json). Default: runs/<time>-compare.")
    Path out;

    @Mixin
    SearchOptions options;

    @Override
    public Integer call() {
        Path dir = out != null ? out : Path.of("runs",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-compare");
        Comparison.Result result = Comparison.run(dir, methods, seeds, (method, seed, runDir) -> {
            options.seed = seed;
            return options.toJob(method, runDir);
        }, options.maxMemoryBytes(), (method, seed) -> new ProgressListener(System.out, method + " seed " + seed) {
            @Override
            protected void writeReports(Path runDir) {
                super.writeReports(runDir);
                try {
                    Reports.writeComparisonPage(dir);
                } catch (RuntimeException e) {
                    note("comparison report not written: " + e.getMessage());
                }
            }
        }, Main.commandLine());
        Path report = Reports.write(dir);
        System.out.println();
        System.out.println(result.markdown());
        System.out.println("written: " + dir.resolve("compare.md") + ", compare.csv, compare.json");
        System.out.println(SearchCommand.reportLine(report));
        return 0;
    }
}
