package org.prdarts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import org.prdarts.data.BatchLoader;
import org.prdarts.optim.Losses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test-set results of a classifier: mean loss, accuracy, per-class accuracy and the confusion
 * matrix (rows = true class, columns = predicted class).
 */
public record Evaluation(List<String> classNames, long[][] confusion, double loss) {

    public Evaluation {
        classNames = List.copyOf(classNames);
        if (confusion.length != classNames.size()) {
            throw new IllegalArgumentException("confusion matrix must have one row per class ("
                    + classNames.size() + "), found " + confusion.length);
        }
    }

    /** Runs the network in evaluation mode (BN running statistics, no drop path) over every batch. */
    public static Evaluation of(DerivedNetwork net, BatchLoader loader, NDManager manager, List<String> classNames) {
        int k = classNames.size();
        long[][] confusion = new long[k][k];
        double lossSum = 0;
        long count = 0;
        ParameterStore ps = new ParameterStore(manager, false);
        for (int b = 0; b < loader.batches(); b++) {
            try (NDManager scratch = manager.newSubManager()) {
                BatchLoader.Batch batch = loader.batch(scratch, 0, b);
                NDArray logits = net.forward(ps, batch.x(), null, false).logits();
                lossSum += Losses.crossEntropy(logits, batch.y()).getFloat() * batch.size();
                long[] pred = logits.argMax(1).toType(DataType.INT64, false).toLongArray();
                long[] truth = batch.y().toLongArray();
                for (int i = 0; i < pred.length; i++) {
                    confusion[(int) truth[i]][(int) pred[i]]++;
                }
                count += batch.size();
            }
        }
        return new Evaluation(classNames, confusion, lossSum / count);
    }

    public long total() {
        long n = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                n += v;
            }
        }
        return n;
    }

    public long correct() {
        long n = 0;
        for (int i = 0; i < confusion.length; i++) {
            n += confusion[i][i];
        }
        return n;
    }

    public double accuracy() {
        long total = total();
        return total == 0 ? Double.NaN : (double) correct() / total;
    }

    /** Accuracy per true class (NaN for a class with no test image). */
    public double[] perClassAccuracy() {
        double[] acc = new double[confusion.length];
        for (int i = 0; i < confusion.length; i++) {
            long row = 0;
            for (long v : confusion[i]) {
                row += v;
            }
            acc[i] = row == 0 ? Double.NaN : (double) confusion[i][i] / row;
        }
        return acc;
    }

    /** The fields of eval.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", total());
        m.put("correct", correct());
        m.put("accuracy", accuracy());
        m.put("loss", loss);
        Map<String, Double> perClass = new LinkedHashMap<>();
        double[] acc = perClassAccuracy();
        for (int i = 0; i < acc.length; i++) {
            perClass.put(classNames.get(i), acc[i]);
        }
        m.put("perClassAccuracy", perClass);
        m.put("classes", classNames);
        List<long[]> rows = new ArrayList<>(List.of(confusion));
        m.put("confusion", rows);
        return m;
    }

    /** A report for people: accuracy, per-class accuracy, the confusion matrix. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "test accuracy: %.2f %% (%d / %d), loss %.4f%n",
                100 * accuracy(), correct(), total(), loss));
        int width = 5;
        for (String name : classNames) {
            width = Math.max(width, name.length());
        }
        sb.append("per-class accuracy:\n");
        double[] acc = perClassAccuracy();
        for (int i = 0; i < acc.length; i++) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %6.2f %%%n", classNames.get(i), 100 * acc[i]));
        }
        sb.append("confusion matrix (rows: true class, columns: predicted class index):\n");
        int cell = 4;
        for (long[] row : confusion) {
            for (long v : row) {
                cell = Math.max(cell, Long.toString(v).length() + 1);
            }
        }
        sb.append(" ".repeat(width + 6));
        for (int j = 0; j < confusion.length; j++) {
            sb.append(String.format(Locale.ROOT, "%" + cell + "d", j));
        }
        sb.append('\n');
        for (int i = 0; i < confusion.length; i++) {
            sb.append(String.format(Locale.ROOT, "  %2d %-" + width + "s ", i, classNames.get(i)));
            for (long v : confusion[i]) {
                sb.append(String.format(Locale.ROOT, "%" + cell + "d", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
