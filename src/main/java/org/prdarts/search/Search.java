package org.prdarts.search;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.prdarts.data.Augmentation;
import org.prdarts.data.BatchLoader;
import org.prdarts.data.DataSource;
import org.prdarts.data.ImageDataset;
import org.prdarts.data.Splits;
import org.prdarts.repro.AtomicFiles;
import org.prdarts.repro.EngineSetup;
import org.prdarts.repro.Manifest;
import org.prdarts.repro.RunDirectory;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.GenotypeJson;
import org.prdarts.supernet.SupernetConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic search loop: data, supernet, strategy, run directory. It knows nothing of the
 * method beyond the {@link SearchStrategy} lifecycle.
 *
 * <pre>{@code
 * SearchResult r = Search.run(Presets.search("quick", "prdarts"));
 * System.out.println(r.genotype());
 * }</pre>
 */
public final class Search {

    private Search() {
    }

    public static SearchResult run(SearchJob job) {
        return run(job, SearchListener.SILENT, List.of());
    }

    /** Runs a search and writes its run directory. */
    public static SearchResult run(SearchJob job, SearchListener listener, List<String> commandLine) {
        SearchConfig sc = job.search();
        if (job.threads() > 0) {
            EngineSetup.configure(job.threads(), sc.seed());
        }
        DataSource source = job.data().load(sc.seed());
        ImageDataset train = source.train();
        int[] indices = job.data().trainIndices(train, sc.seed());
        Splits.SearchSplit split = Splits.searchSplit(indices.length, job.data().trainPortion(), sc.seed());
        int[] weightIdx = map(indices, split.weights());
        int[] archIdx = map(indices, split.arch());
        Augmentation aug = job.data().trainAugmentation(train);
        BatchLoader weightLoader = new BatchLoader(train, weightIdx, sc.batchSize(), true, aug, sc.seed());
        BatchLoader archLoader = new BatchLoader(train, archIdx, sc.batchSize(), true, aug, ~sc.seed());
        int steps = Math.min(weightLoader.batches(), archLoader.batches());
        SupernetConfig net = new SupernetConfig(train.channels(), train.numClasses(), job.channels(),
                job.layers(), job.nodes(), job.ops());
        Device device = "gpu".equals(job.device()) ? Device.gpu() : Device.cpu();
        long started = System.nanoTime();
        try (RunDirectory run = RunDirectory.create(job.out(), sc.method());
             NDManager manager = NDManager.newBaseManager(device)) {
            run.writeConfig(job);
            Manifest manifest = Manifest.start(sc.seed(), device, commandLine);
            run.writeManifest(manifest);
            BilevelStrategy strategy = create(sc, net, manager, train.height(), train.width());
            listener.started(source.source(), sc.epochs(), steps, 0, 0);
            List<Map<String, Object>> history = new ArrayList<>();
            for (int epoch = 0; epoch < sc.epochs(); epoch++) {
                long t0 = System.nanoTime();
                strategy.newEpoch(epoch);
                double lr = strategy.learningRate();
                double trainLoss = 0;
                double archLoss = 0;
                long trainCorrect = 0;
                long trainCount = 0;
                long archCorrect = 0;
                long archCount = 0;
                for (int step = 0; step < steps; step++) {
                    try (NDManager scratch = manager.newSubManager()) {
                        BatchLoader.Batch tb = weightLoader.batch(scratch, epoch, step);
                        BatchLoader.Batch ab = archLoader.batch(scratch, epoch, step);
                        SearchStrategy.StepStats s = strategy.step(scratch, tb.x(), tb.y(), ab.x(), ab.y(),
                                epoch, step);
                        trainLoss += s.trainLoss() * s.trainCount();
                        trainCorrect += s.trainCorrect();
                        trainCount += s.trainCount();
                        archLoss += s.archLoss() * s.archCount();
                        archCorrect += s.archCorrect();
                        archCount += s.archCount();
                    }
                    listener.step(epoch, step, trainLoss / trainCount, (double) trainCorrect / trainCount,
                            archLoss / archCount, (double) archCorrect / archCount);
                }
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("epoch", epoch + 1);
                record.put("method", sc.method());
                record.put("trainLoss", trainLoss / trainCount);
                record.put("trainAcc", (double) trainCorrect / trainCount);
                record.put("validLoss", archLoss / archCount);
                record.put("validAcc", (double) archCorrect / archCount);
                record.put("lr", lr);
                record.put("seconds", (System.nanoTime() - t0) / 1e9);
                record.putAll(strategy.epochState());
                run.appendMetrics(record);
                history.add(record);
                listener.epoch(record);
            }
            Genotype genotype = strategy.genotype();
            AtomicFiles.writeString(run.file("genotype.json"), GenotypeJson.toJson(genotype, job.ops()) + "\n");
            AtomicFiles.writeString(run.file("genotype.txt"), GenotypeFormat.format(genotype) + "\n");
            run.writeManifest(manifest.finish());
            return new SearchResult(genotype, history, run.path(), (System.nanoTime() - started) / 1e9,
                    source.source());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The strategy for a method. */
    public static BilevelStrategy create(SearchConfig sc, SupernetConfig net, NDManager manager, int height,
                                         int width) {
        return sc.method().equals("darts")
                ? new DartsStrategy(sc, net, manager, height, width)
                : new PrDartsStrategy(sc, net, manager, height, width);
    }

    private static int[] map(int[] base, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = base[positions[i]];
        }
        return out;
    }
}
