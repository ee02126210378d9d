package org.prdarts.space.ops;

import ai.djl.nn.Block;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one operation registry, shared by the search supernet and the derived network (DARTS
 * operations.py OPS): name -> factory(channels, stride, affine) and the operation's cost, so
 * that the networks and every size and memory estimate read one entry per operation. An operation
 * registered here is known to the genotype parsers, the search and the training; its blocks'
 * PyTorch state-dict names ({@link #registerLayout}) let the export name its parameters.
 * {@link Primitives#DARTS} is only the default search space.
 *
 * <p>Registration is meant for start-up (a static initialiser or a test's set-up): the registry
 * is read without locks by every network that builds an operation.
 */
public final class Ops {

    /** Builds one operation. */
    @FunctionalInterface
    public interface Factory {
        LazyBlock create(int channels, int stride, boolean affine);
    }

    /**
     * What one operation costs with C channels and a stride, for input and output maps of the
     * given pixels, in the search network (searchMode) or in the derived network (see {@link Cost}).
     */
    @FunctionalInterface
    public interface Costing {
        Cost cost(int channels, int stride, long inPixels, long outPixels, boolean searchMode);
    }

    /** One registry entry. */
    private record Entry(Factory factory, Costing costing) {
    }

    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

    /** Block class -> (DJL child name -> PyTorch child name), for every block an op is made of. */
    private static final Map<Class<? extends Block>, Map<String, String>> LAYOUTS = new LinkedHashMap<>();

    /** Names as DARTS spells them: lower case, digits and underscores. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    static {
        register(Primitives.NONE, (c, s, a) -> new Zero(s), (c, s, in, out, search) -> Zero.cost(c, out));
        register(Primitives.MAX_POOL_3X3, (c, s, a) -> new Pool(true, s, false),
                (c, s, in, out, search) -> Pool.cost(true, c, out, search));
        register(Primitives.AVG_POOL_3X3, (c, s, a) -> new Pool(false, s, false),
                (c, s, in, out, search) -> Pool.cost(false, c, out, search));
        register(Primitives.SKIP_CONNECT, (c, s, a) -> s == 1 ? new Identity() : new FactorizedReduce(c, a),
                (c, s, in, out, search) -> s == 1 ? Cost.ZERO : FactorizedReduce.cost(c, c, in, out, search));
        register(Primitives.SEP_CONV_3X3, (c, s, a) -> new SepConv(c, 3, s, a),
                (c, s, in, out, search) -> SepConv.cost(c, 3, in, out, search));
        register(Primitives.SEP_CONV_5X5, (c, s, a) -> new SepConv(c, 5, s, a),
                (c, s, in, out, search) -> SepConv.cost(c, 5, in, out, search));
        register(Primitives.DIL_CONV_3X3, (c, s, a) -> new DilConv(c, 3, s, 2, a),
                (c, s, in, out, search) -> DilConv.cost(c, 3, in, out));
        register(Primitives.DIL_CONV_5X5, (c, s, a) -> new DilConv(c, 5, s, 2, a),
                (c, s, in, out, search) -> DilConv.cost(c, 5, in, out));

        // The children of DARTS' nn.Sequential modules are numbered with the ReLUs and pools
        // counted, so SepConv's layers are op.1 op.2 op.3 op.5 op.6 op.7.
        registerLayout(ReluConvBn.class, "conv", "op.1", "bn", "op.2");
        registerLayout(FactorizedReduce.class, "conv1", "conv_1", "conv2", "conv_2", "bn", "bn");
        registerLayout(SepConv.class, "dw1", "op.1", "pw1", "op.2", "bn1", "op.3", "dw2", "op.5", "pw2", "op.6",
                "bn2", "op.7");
        registerLayout(DilConv.class, "dw", "op.1", "pw", "op.2", "bn", "op.3");
        registerLayout(Pool.class);
        registerLayout(Identity.class);
        registerLayout(Zero.class);
    }

    private Ops() {
    }

    /**
     * Adds an operation under a new name. If its blocks are of a class not registered yet, register
     * that class's layout too ({@link #registerLayout}), or the export refuses the network.
     *
     * @throws IllegalArgumentException for a name that is taken or not spelled as DARTS spells names
     */
    public static synchronized void register(String name, Factory factory, Costing costing) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("operation name must match " + NAME + ", found '" + name + "'");
        }
        if (REGISTRY.containsKey(name)) {
            throw new IllegalArgumentException("operation '" + name + "' is already registered");
        }
        REGISTRY.put(name, new Entry(factory, costing));
    }

    /**
     * Records the PyTorch state-dict name of each child of a block class, as pairs (DJL child
     * name, PyTorch name); a class without children or parameters registers no pairs.
     */
    public static synchronized void registerLayout(Class<? extends Block> block, String... djlToTorch) {
        if (djlToTorch.length % 2 != 0) {
            throw new IllegalArgumentException("layout of " + block.getSimpleName()
                    + " must list (DJL name, PyTorch name) pairs, found an odd count " + djlToTorch.length);
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < djlToTorch.length; i += 2) {
            names.put(djlToTorch[i], djlToTorch[i + 1]);
        }
        LAYOUTS.put(block, Map.copyOf(names));
    }

    /** The PyTorch names of the children of an op block, if its class registered a layout. */
    public static Optional<Map<String, String>> layout(Class<?> block) {
        return Optional.ofNullable(LAYOUTS.get(block));
    }

    /** The registered operation names, in registration order (DARTS' first). */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    public static boolean isKnown(String name) {
        return REGISTRY.containsKey(name);
    }

    /**
     * Creates an op. In the search network (searchMode) pooling is followed by a non-affine BN, as
     * in DARTS' MixedOp, and ops release their intermediate arrays once consumed.
     */
    public static LazyBlock create(String name, int channels, int stride, boolean affine,
                                boolean searchMode) {
        Entry e = entry(name);
        if (searchMode && Primitives.POOLS.contains(name)) {
            return new Pool(name.equals(Primitives.MAX_POOL_3X3), stride, true).releasingIntermediates();
        }
        LazyBlock op = e.factory().create(channels, stride, affine);
        return searchMode ? op.releasingIntermediates() : op;
    }

    /**
     * The block that brings a cell input to the cell's channels at the resolution of s1 (DARTS
     * preprocess0/1): FactorizedReduce for an input of twice that resolution (s0 after a
     * reduction), else ReLU-conv1x1-BN.
     */
    public static LazyBlock preprocessing(boolean halve, int channels, boolean affine, boolean searchMode) {
        LazyBlock block = halve ? new FactorizedReduce(channels, affine) : new ReluConvBn(channels, 1, 1, 0, affine);
        return searchMode ? block.releasingIntermediates() : block;
    }

    /**
     * The cost of the op {@link #create} makes with these arguments, for input and output maps of
     * the given pixels.
     */
    public static Cost cost(String name, int channels, int stride, long inPixels, long outPixels,
                            boolean searchMode) {
        return entry(name).costing().cost(channels, stride, inPixels, outPixels, searchMode);
    }

    private static Entry entry(String name) {
        Entry e = REGISTRY.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown operation '" + name + "', expected one of "
                    + String.join(", ", REGISTRY.keySet()));
        }
        return e;
    }

    /** Validates an op set: known names, no duplicates, at least one op. */
    public static List<String> validate(List<String> ops) {
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("ops must name at least one operation, found none");
        }
        for (String op : ops) {
            if (!REGISTRY.containsKey(op)) {
                throw new IllegalArgumentException("unknown operation '" + op
                        + "' in ops, expected one of " + String.join(", ", REGISTRY.keySet()));
            }
        }
        if (ops.stream().distinct().count() != ops.size()) {
            throw new IllegalArgumentException("ops lists an operation twice: " + ops);
        }
        return List.copyOf(ops);
    }
}
