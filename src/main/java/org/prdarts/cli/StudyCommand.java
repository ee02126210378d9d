package org.prdarts.cli;

import org.prdarts.data.DataConfig;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchListener;
import org.prdarts.study.StudyName;
import org.prdarts.study.StudyPlan;
import org.prdarts.study.StudyPresets;
import org.prdarts.study.StudyRun;
import org.prdarts.study.Studies;
import org.prdarts.train.TrainConfig;
import org.prdarts.train.TrainJob;
import org.prdarts.train.TrainListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** `prdarts study NAME`: the paper's claims as experiments on the user's data and budget. */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one of the paper's claims as an experiment and write a study directory: one run "
                + "directory per sub-run, study.json and study.csv with every number, one SVG per figure.",
                "",
                "  collapse    DARTS and PR-DARTS on the same data, budget and seeds; per epoch the skip count and "
                        + "depth of the derived normal cell and the weight of skip_connect.",
                "  ablation    DARTS, gates only, gates + sparsity, gates + path, full PR-DARTS and random cells; "
                        + "every cell trained from scratch with one short recipe; test accuracy per variant.",
                "  skip-speed  one network with k = 0..4 convolutions replaced by skip_connect, each trained the same "
                        + "steps; loss curves and the rank correlation of k with the final loss.",
                "  theory      Theorems 1, 2 and 4 on the analytic cell model (seconds).",
                "",
                "Presets (2 CPU cores): quick = images shrunk to half their side, small subsets, C=4 "
                        + "supernets of 3 cells: collapse (25 epochs, 3 seeds) and ablation (10 search epochs, "
                        + "3 seeds, 2 training epochs) each about 30-60 minutes, skip-speed (3 seeds x 5 networks "
                        + "x 200 steps) about 10 minutes, theory seconds. full = full-size images, 10,000-image "
                        + "subsets, C=8 supernets of 5 cells, 50 epochs: collapse and ablation take 10-20 hours "
                        + "each, skip-speed (3 seeds, 200 steps of 64 images, C=16) about an hour, theory (100 "
                        + "configurations, 3 seeds) a minute. On a busy machine add --threads 1.",
                "A killed study continues with --resume DIR: finished sub-runs are kept, an interrupted one "
                        + "continues from its checkpoint (skip-speed sub-runs start over)."})
final class StudyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "collapse, ablation, skip-speed or theory.")
    String name;

    @Option(names = "--preset", description = "quick or full. Default: quick.")
    String preset;

    @Option(names = "--seeds", split = ",", description = "Seeds, comma-separated. Default: 1,2,3 (quick "
            + "theory: 1).")
    List<Long> seeds;

    @Option(names = "--out", description = "Study directory. Default: runs/<time>-study-<name>.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the study in DIR with its saved "
            + "settings; other options are then not allowed.")
    Path resume;

    @Mixin
    DataOptions data;

    @Option(names = "--subset", description = "Training images (class-balanced) for the searches and trainings. "
            + "Default: set by the preset.")
    Integer subset;

    @Option(names = "--epochs", description = "Search epochs. Default: quick collapse 25, ablation 10; full 50.")
    Integer epochs;

    @Option(names = "--batch-size", description = "Images per search step. Default: set by the preset.")
    Integer batchSize;

    @Option(names = "--channels", description = "C of the search supernet. Default: quick 4, full 8.")
    Integer channels;

    @Option(names = "--layers", description = "Cells of the search supernet. Default: quick 3, full 5.")
    Integer layers;

    @Option(names = "--train-epochs", description = "Epochs of every from-scratch training. Default: "
            + "ablation quick 2, full 10; skip-speed 1.")
    Integer trainEpochs;

    @Option(names = "--train-channels", description = "C of the trained networks. Default: quick 8, full 16.")
    Integer trainChannels;

    @Option(names = "--train-layers", description = "Cells of the trained networks. Default: 5.")
    Integer trainLayers;

    @Option(names = "--train-batch-size", description = "Images per training step. Default: set by the preset.")
    Integer trainBatchSize;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        StudyName study = StudyName.parse(name);
        Listeners listeners = new Listeners();
        StudyRun r;
        if (resume != null) {
            if (preset != null || seeds != null || out != null || subset != null || epochs != null
                    || data.dataset != null || data.dataDir != null || data.imageSize != null) {
                throw new IllegalArgumentException("--resume continues a study with its saved settings; "
                        + "give no other study options");
            }
            StudyPlan saved = StudyRun.savedPlan(resume);
            if (saved.study() != study) {
                throw new IllegalArgumentException("the study in " + resume + " is " + saved.study().label()
                        + ", not " + study.label());
            }
            r = StudyRun.resume(resume, p -> p, listeners, run.maxMemoryBytes(), Main.commandLine());
        } else {
            StudyPlan plan = apply(StudyPresets.plan(study, preset == null ? "quick" : preset,
                    data.datasetOr("fashion-mnist")));
            Path dir = out != null ? out : Path.of("runs", LocalDateTime.now().format(
                    DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-study-" + study.label());
            // load the data once before anything is written: a bad data option leaves no directory behind
            DataConfig check = plan.search() != null ? plan.search().data() : plan.train() != null
                    ? plan.train().data() : null;
            if (check != null) {
                check.load(plan.seeds().get(0));
            }
            r = StudyRun.start(dir, plan, listeners, run.maxMemoryBytes(), Main.commandLine());
        }
        Studies.run(r);
        System.out.println();
        System.out.println(Files.exists(r.dir().resolve(StudyRun.RESULT_JSON)) ? "study written: "
                + r.dir().resolve(StudyRun.RESULT_JSON) + ", " + StudyRun.RESULT_CSV + " and the SVG figures"
                : "study directory: " + r.dir());
        if (r.reused() > 0) {
            System.out.println(r.reused() + " finished sub-runs taken from the earlier run");
        }
        return 0;
    }

    /** The preset's plan with every option given applied. */
    private StudyPlan apply(StudyPlan plan) {
        if (seeds != null) {
            plan = plan.withSeeds(seeds);
        }
        if (plan.search() != null) {
            SearchJob s = plan.search();
            DataConfig d = data.applyTo(s.data(), subset, null, null, null);
            var sc = s.search();
            if (epochs != null || batchSize != null) {
                sc = org.prdarts.search.SearchConfig.defaults(sc.method(), SearchOptions.or(epochs, sc.epochs()),
                        SearchOptions.or(batchSize, sc.batchSize()), sc.seed());
            }
            plan = plan.withSearch(new SearchJob(s.preset(), d, SearchOptions.or(channels, s.channels()),
                    SearchOptions.or(layers, s.layers()), s.nodes(), s.ops(), sc, run.deviceOr(s.device()),
                    run.threadsOr(s.threads()), null));
        }
        if (plan.train() != null) {
            TrainJob t = plan.train();
            DataConfig d = data.applyTo(t.data(), subset, null, null, null);
            TrainConfig c = t.train();
            TrainConfig tc = new TrainConfig(SearchOptions.or(trainEpochs, c.epochs()),
                    SearchOptions.or(trainBatchSize, c.batchSize()), c.lr(), c.lrMin(), c.momentum(), c.weightDecay(),
                    c.gradClip(), c.auxiliaryWeight(), c.dropPath(), c.seed());
            plan = plan.withTrain(new TrainJob(t.preset(), t.genotypeSource(), t.genotype(), d,
                    SearchOptions.or(trainChannels, t.channels()), SearchOptions.or(trainLayers, t.layers()),
                    t.imagenet(), tc, run.deviceOr(t.device()), run.threadsOr(t.threads()), null));
        }
        return plan;
    }

    /** Progress bars for the sub-runs. */
    private static final class Listeners implements StudyRun.Listeners {
        @Override
        public SearchListener search(String subRun) {
            return new ProgressListener(System.out, subRun);
        }

        @Override
        public TrainListener train(String subRun) {
            System.out.println(subRun + ":");
            return new TrainProgress(System.out);
        }

        @Override
        public void note(String message) {
            System.out.println(message);
        }
    }
}
