package org.prdarts.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.data.ImageDataset;
import org.prdarts.search.derive.NullCalibration;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The null search (shuffled labels) and the calibrated decided count. */
class NullSearchTest {

    @Test
    void quantileIsANullMarginByNearestRank() {
        double[] nul = {0.4, 0.1, 0.3, 0.2};
        // 0.95 * 4 = 3.8 -> rank 4, the largest
        assertEquals(0.4, NullCalibration.quantile(nul, 0.95));
        assertEquals(0.2, NullCalibration.quantile(nul, 0.5));
        assertEquals(2, NullCalibration.decided(new double[] {0.5, 0.4, 0.9}, 0.4));
        assertArrayEquals(new double[] {1, 2, 3}, NullCalibration.pool(new double[] {1}, new double[] {2, 3}));
    }

    @Test
    void shuffledLabelsKeepTheClassCounts() {
        int[] labels = new int[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 4;
        }
        ImageDataset d = new ImageDataset(new byte[40], labels, 1, 1, 1, 4, List.of("a", "b", "c", "d"), "t");
        ImageDataset s = d.withShuffledLabels(3);
        assertArrayEquals(d.classCounts(), s.classCounts());
        assertFalse(Arrays.equals(d.labels(), s.labels()));
        assertArrayEquals(s.labels(), d.withShuffledLabels(3).labels());
    }

    @Test
    void nullSearchDecidesNoNodeAtItsOwn95thPercentile(@TempDir Path dir) {
        SearchJob base = SearchSmokeTest.tinyJob("prdarts", dir.resolve("null"));
        SearchConfig sc = base.search();
        SearchJob job = base.withSearch(sc.withInstruments(new InstrumentConfig(0, 20, false, true)));
        SearchResult r = Search.run(job);
        SearchEpoch last = r.last();
        double[] margins = NullCalibration.pool(last.architecture().marginsNormal(),
                last.architecture().marginsReduce());
        double threshold = NullCalibration.quantile(margins, 0.95);
        assertEquals(0, NullCalibration.decided(margins, threshold));
    }
}
