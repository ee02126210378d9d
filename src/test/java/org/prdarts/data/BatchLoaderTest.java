package org.prdarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {

    private static final ImageDataset DATA = SyntheticDataset.generate(10, 3, 8, 5, 11);

    private static BatchLoader augmented(long seed) {
        return new BatchLoader(DATA, Splits.identity(10), 4, true,
                Augmentation.standard().withCutout(3), seed);
    }

    @Test
    void batchesCountKeepsOrDropsTheLastPartialBatch() {
        BatchLoader keep = augmented(1);
        assertEquals(3, keep.batches());
        assertEquals(2, keep.assemble(0, 2).size());
        assertEquals(2 * 3 * 8 * 8, keep.assemble(0, 2).x().length);
        BatchLoader drop = new BatchLoader(DATA, Splits.identity(10), 4, true, true,
                Augmentation.none(), 1);
        assertEquals(2, drop.batches());
        assertThrows(IndexOutOfBoundsException.class, () -> drop.assemble(0, 2));
    }

    @Test
    void aBatchDependsOnlyOnEpochAndIndex() {
        BatchLoader a = augmented(5);
        BatchLoader.HostBatch first = a.assemble(3, 1);
        a.assemble(0, 0);
        a.assemble(7, 2);
        BatchLoader.HostBatch again = a.assemble(3, 1);
        BatchLoader.HostBatch fresh = augmented(5).assemble(3, 1);
        assertArrayEquals(first.x(), again.x());
        assertArrayEquals(first.y(), again.y());
        assertArrayEquals(first.x(), fresh.x());
        assertFalse(Arrays.equals(first.x(), augmented(6).assemble(3, 1).x()));
    }

    @Test
    void epochsShuffleDifferentlyAndCoverEveryIndexOnce() {
        BatchLoader loader = augmented(5);
        int[] e0 = epochOrder(loader, 0);
        int[] e1 = epochOrder(loader, 1);
        assertFalse(Arrays.equals(e0, e1));
        int[] sorted = e0.clone();
        Arrays.sort(sorted);
        assertArrayEquals(Splits.identity(10), sorted);
    }

    @Test
    void unshuffledOrderFollowsTheIndices() {
        int[] idx = {9, 2, 4, 0, 7};
        BatchLoader loader = new BatchLoader(DATA, idx, 2, false, Augmentation.none(), 0);
        assertArrayEquals(idx, epochOrder(loader, 0));
        assertArrayEquals(idx, epochOrder(loader, 5));
        assertArrayEquals(new int[] {DATA.label(4), DATA.label(0)}, loader.assemble(2, 1).y());
    }

    private static int[] epochOrder(BatchLoader loader, int epoch) {
        int[] all = new int[loader.size()];
        int at = 0;
        for (int b = 0; b < loader.batches(); b++) {
            for (int i : loader.batchIndices(epoch, b)) {
                all[at++] = i;
            }
        }
        return all;
    }

    @Test
    void normalisationCentresTheData() {
        ImageDataset data = SyntheticDataset.generate(40, 3, 8, 4, 2);
        BatchLoader loader = new BatchLoader(data, Splits.identity(40), 40, false,
                Augmentation.none(), 0);
        float[] x = loader.assemble(0, 0).x();
        int plane = 64;
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < 40; i++) {
                for (int p = 0; p < plane; p++) {
                    double v = x[(i * 3 + c) * plane + p];
                    sum += v;
                    sq += v * v;
                }
            }
            double mean = sum / (40 * plane);
            assertEquals(0, mean, 1e-4, "channel " + c + " mean");
            assertEquals(1, sq / (40 * plane) - mean * mean, 1e-3, "channel " + c + " variance");
        }
    }

    @Test
    void engineBatchHasTheExpectedShapesAndTypes() {
        BatchLoader loader = augmented(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchLoader.Batch batch = loader.batch(manager, 1, 0);
            BatchLoader.HostBatch host = loader.assemble(1, 0);
            assertEquals(new Shape(4, 3, 8, 8), batch.x().getShape());
            assertEquals(DataType.FLOAT32, batch.x().getDataType());
            assertEquals(new Shape(4), batch.y().getShape());
            assertEquals(DataType.INT64, batch.y().getDataType());
            assertArrayEquals(host.x(), batch.x().toFloatArray());
            long[] y = batch.y().toLongArray();
            for (int k = 0; k < 4; k++) {
                assertEquals(host.y()[k], y[k]);
            }
        }
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertEquals("batchSize must be >= 1, found 0", assertThrows(
                IllegalArgumentException.class, () -> new BatchLoader(DATA, Splits.identity(10), 0,
                        true, Augmentation.none(), 0)).getMessage());
        assertEquals("index must be in [0, 10), found 10", assertThrows(
                IllegalArgumentException.class, () -> new BatchLoader(DATA, new int[] {10}, 2,
                        true, Augmentation.none(), 0)).getMessage());
    }
}
