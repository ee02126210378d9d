package org.prdarts.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.prdarts.repro.Rng;

/**
 * Mini-batches over a selection of a data set, stateless by (epoch, batch index).
 *
 * <p>The order of epoch {@code e} is {@code Rng.of(seed, DATA_ORDER, e).permutation(n)} over the
 * selected indices (or their given order when not shuffling), and the augmentation of batch
 * {@code (e, b)} draws from {@code Rng.of(seed, AUGMENT, e, b)}. A batch is therefore the same
 * whatever was drawn before it, which is what lets a resumed run continue exactly.
 *
 * <p>A batch is assembled in one Java float array and handed to the engine in a single copy.
 */
public final class BatchLoader {

    /**
     * One batch on the engine: {@code x} float32 of shape [size, C, H, W], {@code y} int64 of
     * shape [size] (class indices, the sparse labels DJL's softmax cross-entropy loss picks with;
     * int64 is PyTorch's index type, so no conversion happens in the loss). Closing it frees both
     * arrays; usually the per-step NDManager that created them is closed instead.
     */
    public record Batch(NDArray x, NDArray y, int size) implements AutoCloseable {
        @Override
        public void close() {
            x.close();
            y.close();
        }
    }

    /** A batch before it is moved to the engine: {@code x} is [size, C, H, W] flattened. */
    public record HostBatch(float[] x, int[] y, int size) {
    }

    private final ImageDataset data;
    private final int[] indices;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final Augmentation augmentation;
    private final long seed;
    private volatile EpochOrder cachedOrder;

    private record EpochOrder(int epoch, int[] order) {
    }

    /** Keeps the last partial batch. */
    public BatchLoader(ImageDataset data, int[] indices, int batchSize, boolean shuffle,
            Augmentation augmentation, long seed) {
        this(data, indices, batchSize, shuffle, false, augmentation, seed);
    }

    /**
     * @param indices images of {@code data} to iterate over (a split half, a subset, or all)
     * @param dropLast drop the last batch when it is smaller than {@code batchSize}
     * @param augmentation transforms; when its statistics are unset they are computed from all
     *     of {@code data} (see {@link #augmentation()} for the resolved value)
     */
    public BatchLoader(ImageDataset data, int[] indices, int batchSize, boolean shuffle,
            boolean dropLast, Augmentation augmentation, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, found " + batchSize);
        }
        if (indices.length == 0) {
            throw new IllegalArgumentException("indices must not be empty");
        }
        for (int i : indices) {
            if (i < 0 || i >= data.size()) {
                throw new IllegalArgumentException("index must be in [0, " + data.size()
                        + "), found " + i);
            }
        }
        if (dropLast && indices.length < batchSize) {
            throw new IllegalArgumentException("dropLast with batchSize " + batchSize
                    + " leaves no batch of " + indices.length + " images");
        }
        this.data = data;
        this.indices = indices.clone();
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.augmentation = augmentation.hasStats() ? augmentation
                : augmentation.withStatsFrom(data);
        this.seed = seed;
    }

    /** Batches per epoch. */
    public int batches() {
        return dropLast ? indices.length / batchSize : (indices.length + batchSize - 1) / batchSize;
    }

    /** Number of selected images. */
    public int size() {
        return indices.length;
    }

    public int batchSize() {
        return batchSize;
    }

    public ImageDataset data() {
        return data;
    }

    /** The augmentation in use, with its normalisation statistics resolved. */
    public Augmentation augmentation() {
        return augmentation;
    }

    /** Data-set indices of the images in batch {@code index} of {@code epoch}, in batch order. */
    public int[] batchIndices(int epoch, int index) {
        if (index < 0 || index >= batches()) {
            throw new IndexOutOfBoundsException("batch index must be in [0, " + batches()
                    + "), found " + index);
        }
        int from = index * batchSize;
        int to = Math.min(indices.length, from + batchSize);
        int[] out = new int[to - from];
        int[] order = shuffle ? order(epoch) : null;
        for (int k = from; k < to; k++) {
            out[k - from] = order == null ? indices[k] : indices[order[k]];
        }
        return out;
    }

    /** Batch {@code index} of {@code epoch} as Java arrays. */
    public HostBatch assemble(int epoch, int index) {
        int[] members = batchIndices(epoch, index);
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        int size = c * h * w;
        float[] x = new float[members.length * size];
        int[] y = new int[members.length];
        Rng rng = Rng.of(seed, Rng.Stream.AUGMENT, epoch, index);
        byte[] px = data.rawPixels();
        for (int k = 0; k < members.length; k++) {
            augmentation.apply(px, members[k] * size, c, h, w, x, k * size, rng);
            y[k] = data.label(members[k]);
        }
        return new HostBatch(x, y, members.length);
    }

    /** Batch {@code index} of {@code epoch} as engine arrays created by {@code manager}. */
    public Batch batch(NDManager manager, int epoch, int index) {
        HostBatch host = assemble(epoch, index);
        long[] labels = new long[host.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = host.y()[k];
        }
        NDArray x = manager.create(host.x(),
                new Shape(host.size(), data.channels(), data.height(), data.width()));
        NDArray y = manager.create(labels, new Shape(host.size()));
        return new Batch(x, y, host.size());
    }

    private int[] order(int epoch) {
        EpochOrder cached = cachedOrder;
        if (cached != null && cached.epoch() == epoch) {
            return cached.order();
        }
        int[] order = Rng.of(seed, Rng.Stream.DATA_ORDER, epoch).permutation(indices.length);
        cachedOrder = new EpochOrder(epoch, order);
        return order;
    }
}
