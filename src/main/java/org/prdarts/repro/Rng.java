package org.prdarts.repro;

/**
 * A small, splittable, stateless-by-key random generator (SplitMix64).
 *
 * <p>Every random draw of a run is derived from {@code (seed, stream, key...)}, for example
 * {@code Rng.of(seed, Stream.GATES, epoch, step)}. A draw therefore depends only on where it
 * happens in the run, never on how many draws came before it, which makes resuming a run from a
 * checkpoint exact without saving generator state, and keeps the streams of different consumers
 * (data order, augmentation, gate noise, drop path) independent.
 */
public final class Rng {

    /** Independent consumers of randomness within one run. */
    public enum Stream {
        INIT, DATA_SPLIT, DATA_ORDER, AUGMENT, GATES, DROP_PATH, SYNTHETIC, THEORY, LABEL_SHUFFLE
    }

    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** A generator keyed by the run seed, a stream and any number of integer coordinates. */
    public static Rng of(long seed, Stream stream, long... keys) {
        long s = mix(seed ^ 0x5DEECE66DL);
        s = mix(s + stream.ordinal() * 0x9E3779B97F4A7C15L);
        for (long k : keys) {
            s = mix(s ^ (k * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
        }
        return new Rng(s);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, found " + bound);
        }
        return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
    }

    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Standard normal by Box-Muller. */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        if (u1 < 1e-300) {
            u1 = 1e-300;
        }
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
