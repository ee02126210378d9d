package org.prdarts.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.prdarts.data.Augmentation;
import org.prdarts.data.BatchLoader;
import org.prdarts.data.DataSource;
import org.prdarts.data.ImageDataset;
import org.prdarts.repro.AtomicFiles;
import org.prdarts.repro.EngineSetup;
import org.prdarts.repro.Manifest;
import org.prdarts.repro.RunDirectory;
import org.prdarts.space.Genotypes;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.GenotypeJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a derived network from scratch and writes its run directory: config.json, manifest.json,
 * metrics.jsonl (per epoch: train and test loss and accuracy, learning rate, drop-path probability,
 * seconds), genotype.json / genotype.txt, and the model (model.params + model.json, saved after
 * every epoch).
 *
 * <pre>{@code
 * TrainResult r = Training.run(TrainPresets.job("quick", "fashion-mnist", "PRDARTS"));
 * }</pre>
 */
public final class Training {
    /** Images per test batch: evaluation keeps no activations for backward. */
    public static final int TEST_BATCH = 256;

    private final TrainJob job;
    private final DataSource source;
    private final BatchLoader trainLoader;
    private final BatchLoader testLoader;
    private final TrainLoop loop;
    private final ModelInfo info;
    private final NDManager manager;

    private Training(TrainJob job, DataSource source, NDManager manager) {
        this.job = job;
        this.source = source;
        this.manager = manager;
        long seed = job.train().seed();
        ImageDataset train = source.train();
        int[] indices = job.data().trainIndices(train, seed);
        Augmentation aug = job.data().trainAugmentation(train);
        this.trainLoader = new BatchLoader(train, indices, job.train().batchSize(), true,
                indices.length >= job.train().batchSize(), aug, seed);
        this.testLoader = new BatchLoader(source.test(), identity(source.test().size()), TEST_BATCH, false,
                trainLoader.augmentation().forEvaluation(), seed);
        NetworkConfig net = job.network(train.channels(), train.height(), train.width(), train.numClasses());
        this.loop = new TrainLoop(job.train(), net, manager);
        this.info = new ModelInfo(ModelInfo.FORMAT, net, train.classNames(), trainLoader.augmentation().mean(),
                trainLoader.augmentation().std(), job.data(), seed);
    }

    public static TrainResult run(TrainJob job) {
        return run(job, TrainListener.SILENT, List.of());
    }

    public static TrainResult run(TrainJob job, TrainListener listener, List<String> commandLine) {
        long seed = job.train().seed();
        if (job.threads() > 0) {
            EngineSetup.configure(job.threads(), seed);
        }
        DataSource source = job.data().load(seed);
        Device device = "gpu".equals(job.device()) ? Device.gpu() : Device.cpu();
        long started = System.nanoTime();
        try (RunDirectory run = RunDirectory.create(job.out(), "train");
             NDManager manager = NDManager.newBaseManager(device)) {
            run.writeConfig(job);
            Manifest manifest = Manifest.start(seed, device, commandLine);
            run.writeManifest(manifest);
            AtomicFiles.writeString(run.file(Genotypes.RUN_FILE_JSON), GenotypeJson.toJson(job.genotype()) + "\n");
            AtomicFiles.writeString(run.file(Genotypes.RUN_FILE_TEXT), GenotypeFormat.format(job.genotype()) + "\n");
            Training t = new Training(job, source, manager);
            NetworkSize size = NetworkSize.of(t.info.network());
            listener.started(source.source(), size, job.train().epochs(), t.trainLoader.batches());
            List<Map<String, Object>> history = new ArrayList<>();
            Evaluation last = null;
            for (int epoch = 0; epoch < job.train().epochs(); epoch++) {
                long t0 = System.nanoTime();
                double[] train = t.runEpoch(epoch, listener);
                last = t.evaluate();
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("epoch", epoch + 1);
                record.put("trainLoss", train[0]);
                record.put("trainAcc", train[1]);
                record.put("testLoss", last.loss());
                record.put("testAcc", last.accuracy());
                record.put("lr", t.loop.learningRate());
                record.put("dropPath", t.loop.dropPathProbability());
                record.put("seconds", (System.nanoTime() - t0) / 1e9);
                run.appendMetrics(record);
                history.add(record);
                SavedModel.save(run.path(), t.loop.network(), t.info);
                listener.epoch(record);
            }
            run.writeManifest(manifest.finish());
            return new TrainResult(run.path(), history, last, size, (System.nanoTime() - started) / 1e9,
                    source.source());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** One pass over the training images; returns {mean main loss, accuracy}. */
    double[] runEpoch(int epoch, TrainListener listener) {
        loop.newEpoch(epoch);
        double lossSum = 0;
        long correct = 0;
        long count = 0;
        for (int step = 0; step < trainLoader.batches(); step++) {
            try (NDManager scratch = manager.newSubManager()) {
                BatchLoader.Batch b = trainLoader.batch(scratch, epoch, step);
                TrainLoop.StepStats s = loop.step(scratch, b.x(), b.y(), step);
                lossSum += s.loss() * s.count();
                correct += s.correct();
                count += s.count();
            }
            listener.step(epoch, step, lossSum / count, (double) correct / count);
        }
        return new double[] {lossSum / count, (double) correct / count};
    }

    /** The test set in evaluation mode. */
    Evaluation evaluate() {
        return Evaluation.of(loop.network(), testLoader, manager, info.classNames());
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
