package org.prdarts.cli;

import org.prdarts.report.Reports;
import org.prdarts.search.Budget;
import org.prdarts.search.Comparison;
import org.prdarts.search.SearchJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** `prdarts compare`: DARTS and PR-DARTS on the same data, budget and seeds. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        resourceBundle = "org.prdarts.cli.SearchHelp",
        description = "Run DARTS and PR-DARTS with the same data, budget and seeds and tabulate the cells "
                + "they derive (skip connections, depth, accuracy, time).")
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--seeds", split = ",", defaultValue = "1",
            description = "Seeds, comma-separated; each method runs once per seed. Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--methods", split = ",", defaultValue = "darts,prdarts",
            description = "Methods to compare. Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(names = "--budget",
            description = "How the methods share compute: equal-time (every method searches for --time, or the "
                    + "preset's time, whatever its step cost), equal-epochs (every method runs --epochs) or "
                    + "paper-ratio (PR-DARTS runs 4 x --epochs, the paper's 200 : 50; a PR-DARTS top-2 step costs "
                    + "about a third of a DARTS step). Each run's seconds are in the table. Default: equal-time when "
                    + "the search has a time budget (the quick preset, or --time), else equal-epochs.")
    String budget;

    @Option(names = "--out", description = "Comparison directory (one run directory per method and seed "
            + "inside, plus compare.md, compare.csv, compare.json). Default: runs/<time>-compare.")
    Path out;

    @Option(names = "--emit", arity = "2", paramLabel = "katib DIR", hideParamSyntax = true,
            description = "Write the comparison as a job for a cluster instead of running it: 'katib DIR' writes "
                    + "DIR/experiment.yaml (a Katib Experiment, one trial per method and seed, same options) and "
                    + "DIR/Dockerfile (the trial image). Default: none (run the comparison here).")
    List<String> emit;

    @Mixin
    SearchOptions options;

    @Mixin
    JsonOutput json;

    @Mixin
    MetricsLineOption metrics;

    /** Options of compare that are not search options, or that every sub-run sets itself. */
    private static final Set<String> NOT_PASSED_ON = Set.of("--seeds", "--methods", "--out", "--emit", "--seed", "--budget",
            "--method", "--resume", "--json", "--metrics-line");

    @Override
    public Integer call() throws IOException {
        json.check();
        if (emit != null) {
            return emitKatib();
        }
        Path dir = out != null ? out : Path.of("runs",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-compare");
        Budget share = budget();
        Comparison.Result result = Comparison.run(dir, methods, seeds, share, (method, seed, runDir) -> {
            options.seed = seed;
            SearchJob job = options.toJob(method, runDir);
            return job.withSearch(share.apply(job.search()));
        }, options.maxMemoryBytes(), (method, seed) -> new ProgressListener(json.text(), method + " seed " + seed, metrics.printed()) {
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
        PrintStream text = json.text();
        text.println();
        text.println(result.markdown());
        text.println("written: " + dir.resolve("compare.md") + ", compare.csv, compare.json");
        text.println(SearchCommand.reportLine(report));
        json.write(result.rows());
        return 0;
    }

    /** The budget named, or the default for the search the options describe. */
    private Budget budget() {
        return budget != null ? Budget.parse(budget) : Budget.defaultFor(options.toJob(null, null).search());
    }

    private int emitKatib() throws IOException {
        if (budget() == Budget.PAPER_RATIO) {
            throw new IllegalArgumentException("--emit writes trials with the same options for every method; "
                    + "--budget must be equal-epochs or equal-time there, found '" + budget + "'");
        }
        if (!"katib".equals(emit.get(0))) {
            throw new IllegalArgumentException("--emit must be 'katib DIR', found '" + emit.get(0) + "'");
        }
        Path dir = Path.of(emit.get(1));
        List<String> common = Emit.withoutOptions(Main.commandLine().subList(2, Main.commandLine().size()),
                NOT_PASSED_ON);
        List<List<String>> runs = new ArrayList<>();
        for (String method : methods) {
            for (long seed : seeds) {
                options.seed = seed;
                options.toJob(method, null); // refuses bad options before anything is written
                List<String> run = new ArrayList<>(List.of("search"));
                run.addAll(common);
                // a trial's output is read by Katib's collector, whatever auto would find there
                run.addAll(List.of("--method", method, "--seed", Long.toString(seed), "--metrics-line", "always"));
                runs.add(run);
            }
        }
        json.write(Emit.katib(dir, "prdarts-compare", runs, json.text()));
        return 0;
    }
}
