package org.prdarts.space.ops;

import org.prdarts.space.Primitives;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one operation registry, shared by the search supernet and the derived network (DARTS
 * operations.py OPS): name -> factory(channels, stride, affine) and the operation's cost, so
 * that the networks and every size and memory estimate read one entry per operation.
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
    }

    private Ops() {
    }

    private static void register(String name, Factory factory, Costing costing) {
        REGISTRY.put(name, new Entry(factory, costing));
    }

    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
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
