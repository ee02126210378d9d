package org.prdarts.cli;

import org.prdarts.repro.MemoryEstimate;
import org.prdarts.repro.ResumeCheck;
import org.prdarts.search.Search;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchPresets;
import org.prdarts.search.SearchResult;
import org.prdarts.space.GenotypeFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** `prdarts search`: one architecture search. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        resourceBundle = "org.prdarts.cli.SearchHelp",
        description = "Search a cell with PR-DARTS or DARTS and write a run directory.")
final class SearchCommand extends RunCommand implements Callable<Integer> {

    @Option(names = "--method", description = "prdarts or darts. Default: prdarts.")
    String method;

    @Mixin
    SearchOptions options;

    @Override
    public Integer call() {
        json.check();
        PrintStream text = json.text();
        SearchResult r;
        Path report;
        Path resume = jobFile.resumeDir(this.resume, out, dir -> ResumeCheck.require(
                Search.runs().savedJob(dir).withOut(dir), options.toJob(method, dir), Search.RESUMABLE_CHANGES));
        json.checkOutside(resume != null ? resume : out);
        if (resume != null) {
            try (ProgressListener progress = new ProgressListener(text, "resume", metrics.printed())) {
                r = Search.runs().resume(resume, saved -> options.applyTo(saved, method, resume), options.maxMemoryBytes(), progress,
                        Main.commandLine());
                report = progress.report();
            }
        } else {
            SearchJob job = options.applyTo(jobFile.baseJob(SearchJob.class, SearchJob::upgradeJson, options.preset,
                    SearchPresets.NAMES, () -> options.presetJob(method)), method, out);
            try (ProgressListener progress = new ProgressListener(text, job.search().method().label(), metrics.printed())) {
                r = Search.runs().run(job, options.maxMemoryBytes(), progress, Main.commandLine());
                report = progress.report();
            }
        }
        text.println();
        text.println("genotype: " + GenotypeFormat.format(r.genotype()));
        text.printf("normal cell: %s skip_connect, parametric depth %s%n", r.last().facts().skipNormal(),
                r.last().facts().parametricDepthNormal());
        text.printf("architecture learning rate: %s%n", r.last().architecture().archLr());
        text.println(r.normalDecidedness().describe("normal"));
        text.println(r.reduceDecidedness().describe("reduction"));
        String budget = budgetNeeded(r, Search.runs().savedJob(r.runDir()).search().warmupEpochs());
        if (budget != null) {
            text.println(budget);
        }
        text.printf("search time: %.1f s%n", r.seconds());
        text.println(memoryLine(r.memory(), r.peakResidentBytes()));
        text.println("run directory: " + r.runDir());
        text.println("  config.json, manifest.json, metrics.jsonl, genotype.json, genotype.txt, memory.json, "
                + "report.html, normal.svg, reduce.svg, cells.dot");
        text.println(reportLine(report));
        text.println("train it: ./prdarts train --genotype " + r.runDir());
        Map<String, Object> result = runResult(r.runDir(), report, r.seconds(), r.memory(), r.peakResidentBytes());
        result.put("genotype", GenotypeFormat.format(r.genotype()));
        result.put("last", r.last());
        result.put("normalDecided", r.normalDecidedness().decided());
        result.put("reduceDecided", r.reduceDecidedness().decided());
        json.write(result);
        return 0;
    }

    /** The fields the JSON result of a search and of a training share. */
    static Map<String, Object> runResult(Path runDir, Path report, double seconds, MemoryEstimate memory,
                                         Long peakResidentBytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runDir", runDir.toString());
        m.put("report", report == null ? null : report.toString());
        m.put("seconds", seconds);
        m.put("memoryEstimateBytes", memory.total());
        m.put("peakResidentBytes", peakResidentBytes);
        return m;
    }

    /**
     * When fewer than 2 nodes of the normal cell pass the calibrated null: the searching time that
     * would bring 2 past it at the rate this run measured ({@link
     * org.prdarts.search.derive.Decidedness.Cell#stepsFactorFor}), from the seconds of its searching
     * epochs; null when 2 pass or no rate was measured.
     */
    static String budgetNeeded(SearchResult r, int warmupEpochs) {
        org.prdarts.search.derive.Decidedness.Cell n = r.normalDecidedness();
        if (n.margins().length < 2 || n.decidedBeyondNull() >= 2) {
            return null;
        }
        double factor = n.stepsFactorFor(2);
        double searching = r.history().stream().filter(e -> e.epoch() > warmupEpochs)
                .mapToDouble(org.prdarts.search.SearchEpoch::seconds).sum();
        if (!Double.isFinite(factor) || !(searching > 0)) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "budget: at this run's rate, 2 normal nodes would pass the null "
                + "after about %s of searching (%.1f times this run's %s; an extrapolation from one run, e.g. "
                + "--time %dm with the same warm-up)", org.prdarts.search.TimeBudget.format(factor * searching), factor,
                org.prdarts.search.TimeBudget.format(searching),
                (long) Math.ceil((factor * searching + r.seconds() - searching) / 60));
    }

    static String reportLine(Path report) {
        return "report: " + (report == null ? "not written (see the note above)" : report);
    }

    /** The closing summary's line setting the estimate beside the measured peak. */
    static String memoryLine(MemoryEstimate estimate, Long peakResidentBytes) {
        return "memory: estimated " + MemoryEstimate.format(estimate.total()) + ", measured peak "
                + (peakResidentBytes == null ? "unknown on this system" : MemoryEstimate.format(peakResidentBytes));
    }
}
