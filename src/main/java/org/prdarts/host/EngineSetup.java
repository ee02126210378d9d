package org.prdarts.host;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import java.util.OptionalInt;

/**
 * Thread counts and seed of the PyTorch engine, set once per process.
 *
 * <p>{@link #configure} must run before the first {@code NDManager} (or anything else that starts
 * the engine) is created: PyTorch reads its inter-op thread count once, when its thread pool
 * starts, and refuses to change it afterwards. The intra-op count can still be changed later, and
 * {@code configure} does so if the engine was already running, but the inter-op count then fails
 * with an {@link IllegalStateException}.
 *
 * <p>The counts travel through the system properties {@value #INTRA_OP_PROPERTY} and
 * {@value #INTER_OP_PROPERTY}, which DJL's PyTorch engine reads when it starts; values given on
 * the command line with {@code -D} are overridden.
 */
public final class EngineSetup {

    /** DJL's system property for PyTorch's intra-op (within one operator) thread count. */
    public static final String INTRA_OP_PROPERTY = "ai.djl.pytorch.num_threads";
    /** DJL's system property for PyTorch's inter-op (between independent operators) thread count. */
    public static final String INTER_OP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private static final String PYTORCH = "PyTorch";

    /**
     * What the engine runs with after {@link #configure}, read back from the engine.
     *
     * @param engineSeed the seed given to {@link Engine#setRandomSeed(int)}
     */
    public record Settings(String engine, String engineVersion, int intraOpThreads,
                           int interOpThreads, int engineSeed) {
    }

    private EngineSetup() {
    }

    /**
     * Starts the engine with {@code threads} intra-op threads and a single inter-op thread, and
     * seeds it. Eager DJL training never runs independent operators concurrently (that needs
     * TorchScript forks), so a larger inter-op pool would only sit idle.
     */
    public static Settings configure(int threads, long seed) {
        return configure(threads, 1, seed);
    }

    /**
     * Starts the engine with the given thread counts, seeds it, and turns gradient recording off on
     * the calling thread (a GradientCollector turns it on where wanted).
     *
     * @param seed the run seed; the engine takes an int, so it receives {@link #engineSeed(long)}
     * @throws IllegalArgumentException if a thread count is below 1
     * @throws IllegalStateException if the engine is not PyTorch, or already runs a different
     *     inter-op thread count
     */
    public static Settings configure(int intraOpThreads, int interOpThreads, long seed) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, found " + intraOpThreads);
        }
        int max = maxThreads();
        if (intraOpThreads > max) {
            throw new IllegalArgumentException("threads must be at most " + max + " (4 per available processor), found "
                    + intraOpThreads);
        }
        if (interOpThreads < 1) {
            throw new IllegalArgumentException("interOpThreads must be >= 1, found " + interOpThreads);
        }
        System.setProperty(INTRA_OP_PROPERTY, Integer.toString(intraOpThreads));
        System.setProperty(INTER_OP_PROPERTY, Integer.toString(interOpThreads));
        Engine engine = Engine.getInstance();
        if (!PYTORCH.equals(engine.getEngineName())) {
            throw new IllegalStateException("engine must be " + PYTORCH + ", found "
                    + engine.getEngineName());
        }
        if (JniUtils.getNumThreads() != intraOpThreads) {
            // The engine had started before this call; intra-op threads may change at any time.
            JniUtils.setNumThreads(intraOpThreads);
        }
        if (JniUtils.getNumInteropThreads() != interOpThreads) {
            try {
                JniUtils.setNumInteropThreads(interOpThreads);
            } catch (EngineException e) {
                throw new IllegalStateException("interOpThreads cannot become " + interOpThreads
                        + ": the PyTorch engine already runs " + JniUtils.getNumInteropThreads()
                        + "; call EngineSetup.configure before the first NDManager is created", e);
            }
        }
        // PyTorch's grad mode belongs to a thread and starts on; DJL turns it off on the thread that
        // loads the engine only, and a GradientCollector restores what it found. A run on any other
        // thread (a worker of the caller's) would then record its optimizer's in-place updates.
        JniUtils.setGradMode(false);
        int engineSeed = engineSeed(seed);
        engine.setRandomSeed(engineSeed);
        return new Settings(engine.getEngineName(), engine.getVersion(), JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(), engineSeed);
    }

    /**
     * The most engine threads a run may ask for: four per processor the JVM may use. More only
     * oversubscribe the cores, and a count in the thousands makes the engine start threads for
     * minutes before the first step.
     */
    public static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * The int seed the engine receives for a run seed: the two halves of the long xor-ed, so every
     * bit of the run seed matters and seeds in [0, 2^31) map to themselves.
     */
    public static int engineSeed(long seed) {
        return Long.hashCode(seed);
    }

    /** PyTorch's intra-op thread count; empty when {@code engine} is not PyTorch. */
    public static OptionalInt intraOpThreads(Engine engine) {
        return PYTORCH.equals(engine.getEngineName())
                ? OptionalInt.of(JniUtils.getNumThreads()) : OptionalInt.empty();
    }

    /** PyTorch's inter-op thread count; empty when {@code engine} is not PyTorch. */
    public static OptionalInt interOpThreads(Engine engine) {
        return PYTORCH.equals(engine.getEngineName())
                ? OptionalInt.of(JniUtils.getNumInteropThreads()) : OptionalInt.empty();
    }
}
