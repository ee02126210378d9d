package org.prdarts.space.ops;

import org.prdarts.space.Primitives;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one operation registry, shared by the search supernet and the derived network (DARTS
 * operations.py OPS): name -> factory(channels, stride, affine).
 */
public final class Ops {

    /** Builds one operation. */
    @FunctionalInterface
    public interface Factory {
        LazyBlock create(int channels, int stride, boolean affine);
    }

    private static final Map<String, Factory> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put(Primitives.NONE, (c, s, a) -> new Zero(s));
        REGISTRY.put(Primitives.MAX_POOL_3X3, (c, s, a) -> new Pool(true, s, false));
        REGISTRY.put(Primitives.AVG_POOL_3X3, (c, s, a) -> new Pool(false, s, false));
        REGISTRY.put(Primitives.SKIP_CONNECT,
                (c, s, a) -> s == 1 ? new Identity() : new FactorizedReduce(c, a));
        REGISTRY.put(Primitives.SEP_CONV_3X3, (c, s, a) -> new SepConv(c, 3, s, a));
        REGISTRY.put(Primitives.SEP_CONV_5X5, (c, s, a) -> new SepConv(c, 5, s, a));
        REGISTRY.put(Primitives.DIL_CONV_3X3, (c, s, a) -> new DilConv(c, 3, s, 2, a));
        REGISTRY.put(Primitives.DIL_CONV_5X5, (c, s, a) -> new DilConv(c, 5, s, 2, a));
    }

    private Ops() {
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
        Factory f = REGISTRY.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown operation '" + name + "', expected one of "
                    + String.join(", ", REGISTRY.keySet()));
        }
        if (searchMode && Primitives.POOLS.contains(name)) {
            return new Pool(name.equals(Primitives.MAX_POOL_3X3), stride, true).releasingIntermediates();
        }
        LazyBlock op = f.create(channels, stride, affine);
        return searchMode ? op.releasingIntermediates() : op;
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
