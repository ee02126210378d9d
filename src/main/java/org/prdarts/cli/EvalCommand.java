package org.prdarts.cli;

import ai.djl.ndarray.NDManager;
import org.prdarts.data.Augmentation;
import org.prdarts.data.BatchLoader;
import org.prdarts.data.DataConfig;
import org.prdarts.data.DataException;
import org.prdarts.data.ImageDataset;
import org.prdarts.report.ReportException;
import org.prdarts.report.Reports;
import org.prdarts.repro.AtomicFiles;
import org.prdarts.repro.Json;
import org.prdarts.repro.RunIOException;
import org.prdarts.train.Evaluation;
import org.prdarts.train.ModelInfo;
import org.prdarts.train.NetworkConfig;
import org.prdarts.train.SavedModel;
import org.prdarts.train.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `prdarts eval`: test accuracy, per-class accuracy and confusion matrix of a trained model. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a trained model on its data set's test images: accuracy, per-class accuracy, "
                + "confusion matrix (text on the console, JSON in <model>/eval.json and where --json says).")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model directory (a 'prdarts train' run directory).")
    Path model;

    @Option(names = "--dataset", description = "Data set of the test images. Default: the one the model was "
            + "trained on.")
    String dataset;

    @Option(names = "--data-dir", description = "Folder with the data set files. Default: the training run's.")
    Path dataDir;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() throws IOException {
        ModelInfo info = SavedModel.readInfo(model);
        Path target = model.resolve(Training.EVAL);
        json.check();
        JsonOutput.requireWritable(target);
        DataConfig d = info.data();
        DataConfig data = new DataConfig(dataset == null ? d.dataset() : dataset, dataDir == null ? d.dataDir() : dataDir,
                0, d.trainPortion(), false, 0, d.channels(), d.imageSize());
        ImageDataset test = data.load(info.dataSeed()).test();
        NetworkConfig net = info.network();
        if (test.channels() != net.inputChannels() || test.height() != net.inputHeight()
                || test.width() != net.inputWidth()) {
            throw new DataException("test images are " + test.channels() + "x" + test.height() + "x" + test.width()
                    + " but the model takes " + net.inputChannels() + "x" + net.inputHeight() + "x"
                    + net.inputWidth());
        }
        if (!test.classNames().equals(info.classNames())) {
            throw new DataException("test classes " + test.classNames() + " differ from the model's "
                    + info.classNames());
        }
        Evaluation e;
        try (NDManager manager = NDManager.newBaseManager()) {
            SavedModel saved = SavedModel.load(model, manager);
            Augmentation norm = Augmentation.none().withNormalization(info.mean(), info.std());
            BatchLoader loader = new BatchLoader(test, identity(test.size()), Training.TEST_BATCH, false, norm, 0);
            e = Evaluation.of(saved.network(), loader, manager, info.classNames());
        }
        try {
            AtomicFiles.writeString(target, Json.toPrettyJson(e.toMap()) + "\n");
        } catch (IOException failed) {
            throw new RunIOException(failed.getMessage(), failed);
        }
        PrintStream text = json.text();
        text.println("model: " + model);
        text.println("test set: " + test.description());
        text.print(e.toText());
        text.println("JSON report: " + target);
        // the model's report shows this evaluation's per-class accuracy and confusion matrix
        try {
            text.println(SearchCommand.reportLine(Reports.write(model)));
        } catch (ReportException failure) {
            // the run's own files could not be read into a report; a failed write is not caught here
            text.println("report not written: " + failure.getMessage());
        }
        json.write(e.toMap());
        return 0;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
