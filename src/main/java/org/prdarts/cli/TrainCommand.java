package org.prdarts.cli;

import org.prdarts.repro.ResumeCheck;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.train.TrainJob;
import org.prdarts.train.TrainResult;
import org.prdarts.train.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `prdarts train`: trains the network of a genotype from scratch. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the network derived from a genotype from scratch and write a run directory "
                + "holding the model.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Run directory. Default: runs/<time>-train.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR|auto", description = "Continue the training run in RUN_DIR "
            + "from its newest usable checkpoint. Options given must match the run's, except --epochs, --threads, "
            + "--device. 'auto': continue the run in --out if it holds a checkpoint, else start it there.")
    String resume;

    @Mixin
    TrainOptions options;

    @Override
    public Integer call() {
        TrainResult r;
        Path report;
        Path resume = ResumeAuto.resumeDir(this.resume, out, dir -> ResumeCheck.require(
                Training.savedJob(dir).withOut(dir), options.toJob(dir), Training.RESUMABLE_CHANGES));
        if (resume != null) {
            try (TrainProgress progress = new TrainProgress(System.out)) {
                r = Training.resume(resume, saved -> {
                    TrainJob job = options.applyTo(saved, resume);
                    System.out.println("genotype: " + GenotypeFormat.format(job.genotype()));
                    return job;
                }, options.maxMemoryBytes(), progress, Main.commandLine());
                report = progress.report();
            }
        } else {
            TrainJob job = options.toJob(out);
            System.out.println("genotype: " + GenotypeFormat.format(job.genotype()));
            try (TrainProgress progress = new TrainProgress(System.out)) {
                r = Training.run(job, options.maxMemoryBytes(), progress, Main.commandLine());
                report = progress.report();
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "test accuracy: %.2f %%%n", 100 * r.evaluation().accuracy());
        System.out.printf(Locale.ROOT, "training time: %.1f s%n", r.seconds());
        System.out.println(SearchCommand.memoryLine(r.memory(), r.peakResidentBytes()));
        System.out.println("run directory: " + r.runDir());
        System.out.println("  config.json, manifest.json, metrics.jsonl, genotype.json, genotype.txt, checkpoint.ckpt, "
                + "model.json, "
                + "model.params, model.params.sha256, memory.json, eval.json, report.html, normal.svg, reduce.svg, cells.dot");
        System.out.println(SearchCommand.reportLine(report));
        System.out.println("evaluate it: ./prdarts eval --model " + r.runDir());
        return 0;
    }
}
