package org.prdarts.cli;

import org.prdarts.repro.ResumeCheck;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.train.TrainJob;
import org.prdarts.train.TrainPresets;
import org.prdarts.train.TrainResult;
import org.prdarts.train.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** `prdarts train`: trains the network of a genotype from scratch. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        resourceBundle = "org.prdarts.cli.TrainHelp",
        description = "Train the network derived from a genotype from scratch and write a run directory "
                + "holding the model.")
final class TrainCommand extends RunCommand implements Callable<Integer> {

    @Mixin
    TrainOptions options;

    @Override
    public Integer call() {
        json.check();
        PrintStream text = json.text();
        TrainResult r;
        Path report;
        Path resume = jobFile.resumeDir(this.resume, out, dir -> ResumeCheck.require(
                Training.runs().savedJob(dir).withOut(dir), options.toJob(dir), Training.RESUMABLE_CHANGES));
        json.checkOutside(resume != null ? resume : out);
        if (resume != null) {
            try (TrainProgress progress = new TrainProgress(text, metrics.printed())) {
                r = Training.runs().resume(resume, saved -> {
                    TrainJob job = options.applyTo(saved, resume);
                    text.println("genotype: " + GenotypeFormat.format(job.genotype()));
                    return job;
                }, options.maxMemoryBytes(), progress, Main.commandLine());
                report = progress.report();
            }
        } else {
            TrainJob job = options.applyTo(jobFile.baseJob(TrainJob.class, t -> t, options.preset, TrainPresets.NAMES,
                    options::presetJob), out);
            text.println("genotype: " + GenotypeFormat.format(job.genotype()));
            try (TrainProgress progress = new TrainProgress(text, metrics.printed())) {
                r = Training.runs().run(job, options.maxMemoryBytes(), progress, Main.commandLine());
                report = progress.report();
            }
        }
        text.println();
        text.printf(Locale.ROOT, "test accuracy: %.2f %%%n", 100 * r.evaluation().accuracy());
        text.printf(Locale.ROOT, "training time: %.1f s%n", r.seconds());
        text.println(SearchCommand.memoryLine(r.memory(), r.peakResidentBytes()));
        text.println("run directory: " + r.runDir());
        text.println("  config.json, manifest.json, metrics.jsonl, genotype.json, genotype.txt, checkpoint.ckpt, "
                + "model.json, "
                + "model.params, model.params.sha256, memory.json, eval.json, report.html, normal.svg, reduce.svg, cells.dot");
        text.println(SearchCommand.reportLine(report));
        text.println("evaluate it: ./prdarts eval --model " + r.runDir());
        Map<String, Object> result = SearchCommand.runResult(r.runDir(), report, r.seconds(), r.memory(),
                r.peakResidentBytes());
        result.put("size", r.size());
        result.put("last", r.last());
        result.put("evaluation", r.evaluation().toMap());
        json.write(result);
        return 0;
    }
}
