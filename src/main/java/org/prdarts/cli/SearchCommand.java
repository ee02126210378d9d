package org.prdarts.cli;

import org.prdarts.repro.MemoryEstimate;
import org.prdarts.repro.ResumeCheck;
import org.prdarts.search.Search;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchResult;
import org.prdarts.space.GenotypeFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `prdarts search`: one architecture search. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Search a cell with PR-DARTS or DARTS and write a run directory.")
final class SearchCommand implements Callable<Integer> {

    @Option(names = "--method", description = "prdarts or darts. Default: prdarts.")
    String method;

    @Option(names = "--out", description = "Run directory. Default: runs/<time>-<method>.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR|auto", description = "Continue the run in RUN_DIR from its "
            + "newest usable checkpoint. Options given must match the run's, except --epochs, --threads, --device. "
            + "'auto': continue the run in --out if it holds a checkpoint, else start it there (for restarted "
            + "trials). Default: none (start a new run).")
    String resume;

    @Mixin
    SearchOptions options;

    @Override
    public Integer call() {
        SearchResult r;
        Path report;
        Path resume = ResumeAuto.resumeDir(this.resume, out, dir -> ResumeCheck.require(
                Search.savedJob(dir).withOut(dir), options.toJob(method, dir), Search.RESUMABLE_CHANGES));
        if (resume != null) {
            try (ProgressListener progress = new ProgressListener(System.out, "resume")) {
                r = Search.resume(resume, saved -> options.applyTo(saved, method, resume), options.maxMemoryBytes(), progress,
                        Main.commandLine());
                report = progress.report();
            }
        } else {
            SearchJob job = options.toJob(method, out);
            try (ProgressListener progress = new ProgressListener(System.out, job.search().method())) {
                r = Search.run(job, options.maxMemoryBytes(), progress, Main.commandLine());
                report = progress.report();
            }
        }
        System.out.println();
        System.out.println("genotype: " + GenotypeFormat.format(r.genotype()));
        System.out.printf("normal cell: %s skip_connect, depth %s%n", r.last().facts().skipNormal(),
                r.last().facts().depthNormal());
        System.out.printf("architecture learning rate: %s%n", r.last().architecture().archLr());
        System.out.println(r.normalDecidedness().describe("normal"));
        System.out.println(r.reduceDecidedness().describe("reduction"));
        System.out.printf("search time: %.1f s%n", r.seconds());
        System.out.println(memoryLine(r.memory(), r.peakResidentBytes()));
        System.out.println("run directory: " + r.runDir());
        System.out.println("  config.json, manifest.json, metrics.jsonl, genotype.json, genotype.txt, memory.json, "
                + "report.html, normal.svg, reduce.svg, cells.dot");
        System.out.println(reportLine(report));
        System.out.println("train it: ./prdarts train --genotype " + r.runDir());
        return 0;
    }

    /** The closing summary's line naming the report. */
    static String reportLine(Path report) {
        return "report: " + (report == null ? "not written (see the note above)" : report);
    }

    /** The closing summary's line setting the estimate beside the measured peak. */
    static String memoryLine(MemoryEstimate estimate, Long peakResidentBytes) {
        return "memory: estimated " + MemoryEstimate.format(estimate.total()) + ", measured peak "
                + (peakResidentBytes == null ? "unknown on this system" : MemoryEstimate.format(peakResidentBytes));
    }
}
