package org.prdarts.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.prdarts.repro.Rng;

/** Seeded index selections: the search's weight/architecture split and smaller subsets. */
public final class Splits {

    private Splits() {
    }

    /**
     * The two disjoint halves of a training set used by the bilevel search: network weights are
     * fit on {@code weights}, architecture parameters on {@code arch}. Each array is sorted.
     */
    public record SearchSplit(int[] weights, int[] arch) {
    }

    /**
     * Splits indices {@code 0..n-1} by a seeded permutation: the first
     * {@code floor(trainPortion * n)} go to the weight half (as DARTS' {@code train_portion}), the
     * rest to the architecture half.
     */
    public static SearchSplit searchSplit(int n, double trainPortion, long seed) {
        if (!(trainPortion > 0 && trainPortion < 1)) {
            throw new IllegalArgumentException("trainPortion must be in (0, 1), found "
                    + trainPortion);
        }
        int cut = (int) Math.floor(trainPortion * n);
        if (cut < 1 || cut > n - 1) {
            throw new IllegalArgumentException("searchSplit needs both halves non-empty: n = " + n
                    + " with trainPortion " + trainPortion + " gives " + cut + " and " + (n - cut));
        }
        int[] perm = Rng.of(seed, Rng.Stream.DATA_SPLIT, 0).permutation(n);
        int[] weights = Arrays.copyOfRange(perm, 0, cut);
        int[] arch = Arrays.copyOfRange(perm, cut, n);
        Arrays.sort(weights);
        Arrays.sort(arch);
        return new SearchSplit(weights, arch);
    }

    /**
     * {@code limit} indices of {@code 0..n-1} drawn uniformly without replacement, sorted; all
     * indices when {@code limit >= n}.
     */
    public static int[] subset(int n, int limit, long seed) {
        checkLimit(n, limit);
        if (limit >= n) {
            return identity(n);
        }
        int[] chosen = Arrays.copyOf(Rng.of(seed, Rng.Stream.DATA_SPLIT, 1).permutation(n), limit);
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * {@code limit} indices chosen so that class counts differ by at most one where the classes
     * have enough images (a class with too few gives all it has and the others make up the
     * rest). Within a class the images are a seeded random choice. Sorted; all indices when
     * {@code limit >= labels.length}.
     */
    public static int[] balancedSubset(int[] labels, int numClasses, int limit, long seed) {
        int n = labels.length;
        checkLimit(n, limit);
        if (limit >= n) {
            return identity(n);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < numClasses; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label of index " + i + " must be in [0, "
                        + numClasses + "), found " + labels[i]);
            }
            byClass.get(labels[i]).add(i);
        }
        int[][] shuffled = new int[numClasses][];
        for (int k = 0; k < numClasses; k++) {
            List<Integer> members = byClass.get(k);
            int[] perm = Rng.of(seed, Rng.Stream.DATA_SPLIT, 2, k).permutation(members.size());
            shuffled[k] = new int[members.size()];
            for (int j = 0; j < perm.length; j++) {
                shuffled[k][j] = members.get(perm[j]);
            }
        }
        // Round-robin over classes: taking one per class per round keeps counts within one.
        int[] chosen = new int[limit];
        int[] taken = new int[numClasses];
        int count = 0;
        while (count < limit) {
            for (int k = 0; k < numClasses && count < limit; k++) {
                if (taken[k] < shuffled[k].length) {
                    chosen[count++] = shuffled[k][taken[k]++];
                }
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** {@link #balancedSubset(int[], int, int, long)} of a data set's labels. */
    public static int[] balancedSubset(ImageDataset data, int limit, long seed) {
        return balancedSubset(data.labels(), data.numClasses(), limit, seed);
    }

    /** The indices 0..n-1. */
    public static int[] identity(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    private static void checkLimit(int n, int limit) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, found " + n);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, found " + limit);
        }
    }
}
