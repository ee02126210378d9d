package org.prdarts.cli;

import com.google.gson.JsonObject;
import org.prdarts.data.DataConfig;
import org.prdarts.repro.Json;
import org.prdarts.search.SearchConfig;
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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.prdarts.cli.SearchOptions.or;

/** `prdarts study NAME`: the paper's claims as experiments on the user's data and budget. */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        resourceBundle = "org.prdarts.cli.StudyHelp",
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
                "  null        every search twice, on the data and with shuffled labels: the margin a node must "
                        + "exceed to be decided, beside the analytic bound.",
                "  search-quality  DARTS and PR-DARTS at the same search budget (a wall-clock time per search), "
                        + "random cells of the same space, every cell trained from scratch once per training seed: "
                        + "the difference to random with a bootstrap 95 %% interval, decided nodes against a null "
                        + "search, cross-seed agreement. quick: 1-minute searches on 14x14 images (about 30 minutes); "
                        + "full: an hour per search, cells trained with the quick training preset (a day on 2 "
                        + "cores; resume it).",
                "",
                "Presets (2 CPU cores): quick = images shrunk to half their side, small subsets, C=4 "
                        + "supernets of 3 cells: collapse (25 epochs, 3 seeds) and ablation (10 search epochs, "
                        + "3 seeds, 2 training epochs) about 25 and 20 minutes, skip-speed (3 seeds x 5 networks "
                        + "x 200 steps) about 20 minutes, theory seconds. full = full-size images, 10,000-image "
                        + "subsets, C=8 supernets of 5 cells, 50 epochs: collapse and ablation take 10-20 hours "
                        + "each, skip-speed (3 seeds, 200 steps of 64 images, C=16) about an hour, theory (100 "
                        + "configurations, 3 seeds) a minute. On a busy machine add --threads 1.",
                "A killed study continues with NAME --resume DIR: finished sub-runs are kept, an interrupted one "
                        + "continues from its checkpoint (skip-speed sub-runs start over). study.json lists the "
                        + "finished sub-runs as they come; search-quality's also holds summarySoFar (decided nodes, "
                        + "agreement, accuracy of the cells trained so far; no verdict until it is complete).",
                "Two processes may work on one study: start the same --resume command twice (with --threads 1 "
                        + "each on 2 cores). Each sub-run is claimed by one of them; the second process takes the "
                        + "sub-runs the first has not (search-quality: searches, then trainings of the cells "
                        + "already known) and waits only when nothing else is left."})
final class StudyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "collapse, ablation, skip-speed, theory, null or "
            + "search-quality.")
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

    @Mixin
    BudgetOptions budget;

    @Option(names = "--time", paramLabel = "DURATION", description = "Give every search sub-run this wall-clock "
            + "time (90s, 20m, 1h) instead of a number of epochs, so that methods of different step costs get the "
            + "same compute; the plan records it. Default: search-quality quick 1m, full 1h; the others: epochs.")
    String time;

    @Option(names = "--warmup-epochs", paramLabel = "N", description = "Weight-only epochs at the start of every "
            + "search sub-run. Default: search-quality 1, the others 0.")
    Integer warmupEpochs;

    @Option(names = "--hessian-every", paramLabel = "N", description = "Measure the largest eigenvalue of the "
            + "validation loss's Hessian in the architecture every N epochs of every search sub-run (Zela et al.); "
            + "collapse then reports where DARTS-ES would have stopped, and that epoch's cell. Default: 0, off.")
    Integer hessianEvery;

    @Option(names = "--random-cells", paramLabel = "N", description = "search-quality: random cells drawn from the "
            + "space. Default: 8.")
    Integer randomCells;

    @Option(names = "--train-seeds", split = ",", paramLabel = "SEEDS", description = "search-quality: train every "
            + "cell once per seed given, exactly these. Default: 1,2, and up to 5 when the spread of the first random "
            + "cell over 3 seeds (trained first) asks for more to bring the interval of searched minus random to "
            + "+-0.3 points.")
    List<Long> trainSeeds;

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

    @Mixin
    JsonOutput json;

    @Mixin
    MetricsLineOption metrics;

    @Override
    public Integer call() throws IOException {
        StudyName study = StudyName.parse(name);
        json.check();
        PrintStream text = json.text();
        Listeners listeners = new Listeners(text, metrics.printed());
        StudyRun r;
        if (resume != null) {
            if (preset != null || seeds != null || out != null || data.subset != null || budget.epochs != null
                    || data.dataset != null || data.dataDir != null || data.imageSize != null || time != null
                    || warmupEpochs != null || randomCells != null || trainSeeds != null || hessianEvery != null) {
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
        Path resultFile = r.dir().resolve(StudyRun.RESULT_JSON);
        text.println();
        text.println(Files.exists(resultFile) ? "study written: "
                + resultFile + ", " + StudyRun.RESULT_CSV + " and the SVG figures"
                : "study directory: " + r.dir());
        if (r.reused() > 0) {
            text.println(r.reused() + " finished sub-runs taken from the earlier run");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("studyDir", r.dir().toString());
        result.put("reused", r.reused());
        result.put("study", Files.exists(resultFile)
                ? Json.parse(Files.readString(resultFile), JsonObject.class, resultFile.toString()) : null);
        json.write(result);
        return 0;
    }

    /** The preset's plan with every option given applied. */
    private StudyPlan apply(StudyPlan plan) {
        if (seeds != null) {
            plan = plan.withSeeds(seeds);
        }
        if (randomCells != null || trainSeeds != null) {
            if (plan.study() != StudyName.SEARCH_QUALITY) {
                throw new IllegalArgumentException("--random-cells and --train-seeds belong to the search-quality "
                        + "study, not " + plan.study().label());
            }
            plan = plan.withRandomCells(or(randomCells, plan.randomCells()));
            if (trainSeeds != null) {
                plan = plan.withTrainSeeds(trainSeeds);
            }
        }
        if (plan.search() == null && (time != null || warmupEpochs != null || hessianEvery != null)) {
            throw new IllegalArgumentException("--time, --warmup-epochs and --hessian-every belong to the studies "
                    + "that search, not " + plan.study().label());
        }
        if (plan.search() != null) {
            SearchJob s = plan.search();
            DataConfig d = data.applyTo(s.data(), null, null, null);
            SearchConfig sc = s.search();
            sc = sc.withEpochs(or(budget.epochs, sc.epochs())).withBatchSize(or(budget.batchSize, sc.batchSize()));
            if (time != null) {
                sc = sc.withTimeBudget(org.prdarts.search.TimeBudget.parseSeconds(time));
            }
            if (warmupEpochs != null) {
                sc = sc.withWarmupEpochs(warmupEpochs);
            }
            if (hessianEvery != null) {
                org.prdarts.search.InstrumentConfig i = sc.instruments();
                sc = sc.withInstruments(new org.prdarts.search.InstrumentConfig(hessianEvery, i.hessianIterations(),
                        i.hessianEarlyStop(), i.shuffledLabels()));
            }
            plan = plan.withSearch(new SearchJob(s.preset(), d, or(budget.channels, s.channels()),
                    or(budget.layers, s.layers()), s.nodes(), s.ops(), sc, run.deviceOr(s.device()),
                    run.threadsOr(s.threads()), null));
        }
        if (plan.train() != null) {
            TrainJob t = plan.train();
            DataConfig d = data.applyTo(t.data(), null, null, null);
            TrainConfig c = t.train();
            TrainConfig tc = new TrainConfig(or(trainEpochs, c.epochs()),
                    or(trainBatchSize, c.batchSize()), c.lr(), c.lrMin(), c.momentum(), c.weightDecay(),
                    c.gradClip(), c.auxiliaryWeight(), c.dropPath(), c.seed());
            plan = plan.withTrain(new TrainJob(t.preset(), t.genotypeSource(), t.genotype(), d,
                    or(trainChannels, t.channels()), or(trainLayers, t.layers()),
                    t.imagenet(), tc, run.deviceOr(t.device()), run.threadsOr(t.threads()), null));
        }
        return plan;
    }

    /** Progress bars for the sub-runs. */
    private record Listeners(PrintStream text, boolean metricsLine) implements StudyRun.Listeners {
        @Override
        public SearchListener search(String subRun) {
            return new ProgressListener(text, subRun, metricsLine);
        }

        @Override
        public TrainListener train(String subRun) {
            text.println(subRun + ":");
            return new TrainProgress(text, metricsLine);
        }

        @Override
        public void note(String message) {
            text.println(message);
        }
    }
}
