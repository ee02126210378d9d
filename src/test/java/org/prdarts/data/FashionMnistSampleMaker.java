package org.prdarts.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Re-makes the bundled Fashion-MNIST sample: the first {@code perClass} images of each class, in
 * file order, of the training and test sets, written as gzip IDX. Run by
 * {@code tools/make-fashion-mnist-sample.sh}.
 *
 * <p>Arguments: source folder (the four Fashion-MNIST IDX files), output folder, train images per
 * class, test images per class.
 */
public final class FashionMnistSampleMaker {

    private FashionMnistSampleMaker() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: FashionMnistSampleMaker SOURCE_DIR OUT_DIR"
                    + " TRAIN_PER_CLASS TEST_PER_CLASS, found " + args.length + " arguments");
        }
        Path source = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int trainPerClass = Integer.parseInt(args[2]);
        int testPerClass = Integer.parseInt(args[3]);
        DataSource full = Datasets.idxDir(source, "Fashion-MNIST", Datasets.FASHION_MNIST_CLASSES,
                source.toString());
        Files.createDirectories(out);
        ImageDataset train = full.train().subset(firstPerClass(full.train(), trainPerClass));
        ImageDataset test = full.test().subset(firstPerClass(full.test(), testPerClass));
        IdxWriter.write(train, out.resolve(Datasets.TRAIN_IMAGES + ".gz"),
                out.resolve(Datasets.TRAIN_LABELS + ".gz"));
        IdxWriter.write(test, out.resolve(Datasets.TEST_IMAGES + ".gz"),
                out.resolve(Datasets.TEST_LABELS + ".gz"));
        System.out.println("wrote " + train.size() + " train and " + test.size()
                + " test images to " + out);
    }

    /** Indices of the first {@code perClass} images of every class, in file order. */
    static int[] firstPerClass(ImageDataset data, int perClass) {
        int[] taken = new int[data.numClasses()];
        int[] chosen = new int[perClass * data.numClasses()];
        int count = 0;
        for (int i = 0; i < data.size() && count < chosen.length; i++) {
            int label = data.label(i);
            if (taken[label] < perClass) {
                taken[label]++;
                chosen[count++] = i;
            }
        }
        if (count != chosen.length) {
            throw new IllegalArgumentException("perClass " + perClass + " exceeds the images of"
                    + " some class in " + data.description());
        }
        return chosen;
    }
}
