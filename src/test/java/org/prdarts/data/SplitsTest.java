package org.prdarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SplitsTest {

    @Test
    void searchSplitIsDisjointCoveringAndSeeded() {
        Splits.SearchSplit s = Splits.searchSplit(101, 0.5, 9);
        assertEquals(50, s.weights().length);
        assertEquals(51, s.arch().length);
        boolean[] seen = new boolean[101];
        for (int i : s.weights()) {
            seen[i] = true;
        }
        for (int i : s.arch()) {
            assertFalse(seen[i], "index " + i + " in both halves");
            seen[i] = true;
        }
        for (boolean b : seen) {
            assertTrue(b);
        }
        Splits.SearchSplit again = Splits.searchSplit(101, 0.5, 9);
        assertArrayEquals(s.weights(), again.weights());
        assertArrayEquals(s.arch(), again.arch());
        assertFalse(Arrays.equals(s.weights(), Splits.searchSplit(101, 0.5, 10).weights()));
        int[] sorted = s.weights().clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, s.weights());
        assertEquals(80, Splits.searchSplit(100, 0.8, 1).weights().length);
    }

    @Test
    void trainPortionIsValidated() {
        assertEquals("trainPortion must be in (0, 1), found 1.0", assertThrows(
                IllegalArgumentException.class, () -> Splits.searchSplit(10, 1.0, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.searchSplit(10, 0.0, 0));
        assertThrows(IllegalArgumentException.class, () -> Splits.searchSplit(10, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> Splits.searchSplit(1, 0.5, 0));
    }

    @Test
    void randomSubsetIsSeededDistinctAndSorted() {
        int[] a = Splits.subset(1000, 30, 4);
        assertArrayEquals(a, Splits.subset(1000, 30, 4));
        assertEquals(30, Arrays.stream(a).distinct().count());
        for (int k = 1; k < a.length; k++) {
            assertTrue(a[k - 1] < a[k]);
        }
        assertArrayEquals(Splits.identity(5), Splits.subset(5, 10, 4));
    }

    @Test
    void balancedSubsetEvensOutClasses() {
        // 3 classes with 50, 30 and 4 members.
        int[] labels = new int[84];
        for (int i = 0; i < 84; i++) {
            labels[i] = i < 50 ? 0 : i < 80 ? 1 : 2;
        }
        int[] counts = countLabels(labels, Splits.balancedSubset(labels, 3, 11, 5));
        assertArrayEquals(new int[] {4, 4, 3}, counts);
        // Class 2 runs out at 4: the others share the rest, within one of each other.
        counts = countLabels(labels, Splits.balancedSubset(labels, 3, 40, 5));
        assertArrayEquals(new int[] {18, 18, 4}, counts);
        assertArrayEquals(Splits.balancedSubset(labels, 3, 40, 5),
                Splits.balancedSubset(labels, 3, 40, 5));
    }

    private static int[] countLabels(int[] labels, int[] chosen) {
        int[] counts = new int[3];
        assertEquals(chosen.length, Arrays.stream(chosen).distinct().count());
        for (int i : chosen) {
            counts[labels[i]]++;
        }
        return counts;
    }
}
