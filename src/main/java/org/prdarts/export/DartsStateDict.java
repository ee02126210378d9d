package org.prdarts.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import org.prdarts.space.ops.Ops;
import org.prdarts.train.AuxiliaryHead;
import org.prdarts.train.DerivedCell;
import org.prdarts.train.DerivedNetwork;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a derived network under the names and shapes of the original DARTS code's
 * PyTorch {@code NetworkCIFAR} / {@code NetworkImageNet} state dict ({@code stem.0.weight},
 * {@code cells.3.preprocess0.op.1.weight}, {@code cells.3._ops.2.op.5.weight},
 * {@code auxiliary_head.features.3.running_var}, {@code classifier.bias}, ...).
 *
 * <p>The DARTS modules are {@code nn.Sequential}s, so a name carries the position of the layer in
 * its sequence, ReLUs and pools counted: SepConv is (ReLU, dw, pw, BN, ReLU, dw, pw, BN), so its
 * layers are {@code op.1 op.2 op.3 op.5 op.6 op.7}. The operations' blocks name their children in
 * the op registry ({@link Ops#layout}); the table below names those of the network, its cells and
 * its auxiliary head. A child without a name is an error, so a block added later cannot be
 * exported under a wrong name unnoticed.
 *
 * <p>Weight layouts already agree: DJL's conv weights are [out, in / groups, kh, kw] and its
 * linear weights [out, in], as PyTorch's. BatchNorm's gamma, beta, running mean and running
 * variance become weight, bias, running_mean and running_var (DJL's engine updates them with
 * PyTorch's own batch_norm, so they are PyTorch's statistics); {@code num_batches_tracked},
 * which DJL does not keep, is written as 0: PyTorch reads it only for a BatchNorm built with
 * momentum None.
 */
public final class DartsStateDict {

    private record Rule(Pattern child, String torchName) {
    }

    private static final Map<Class<?>, List<Rule>> RULES = Map.of(
            DerivedNetwork.class, rules(
                    "stem_conv", "stem.0", "stem_bn", "stem.1",
                    "stem0_conv1", "stem0.0", "stem0_bn1", "stem0.1", "stem0_conv2", "stem0.3", "stem0_bn2", "stem0.4",
                    "stem1_conv", "stem1.1", "stem1_bn", "stem1.2",
                    "cell(\\d+)", "cells.$1", "auxiliary", "auxiliary_head", "classifier", "classifier"),
            DerivedCell.class, rules("pre0", "preprocess0", "pre1", "preprocess1", "op(\\d+)_.*", "_ops.$1"),
            AuxiliaryHead.class, rules("conv1", "features.2", "bn1", "features.3", "conv2", "features.5",
                    "bn2", "features.6", "classifier", "classifier"));

    private static final Map<String, String> BN_NAMES = Map.of("gamma", "weight", "beta", "bias",
            "runningMean", "running_mean", "runningVar", "running_var");

    /** Leading child numbers DJL puts before a child's name ("03cell1"). */
    private static final Pattern DJL_CHILD_NUMBER = Pattern.compile("^\\d+");

    private DartsStateDict() {
    }

    /**
     * The named tensors of an initialised network, in the network's order; each array is also
     * named ({@link NDArray#setName}) with its key. Arrays are the network's own parameters,
     * except {@code num_batches_tracked}, made in {@code manager}.
     */
    public static Map<String, NDArray> of(DerivedNetwork network, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        collect(network, "", out, manager);
        return out;
    }

    /** The DARTS name of a child of a composite block, from its DJL child name. */
    static String childName(Block parent, String djlName) {
        String name = DJL_CHILD_NUMBER.matcher(djlName).replaceFirst("");
        Optional<Map<String, String>> opLayout = Ops.layout(parent.getClass());
        if (opLayout.isPresent()) {
            String torch = opLayout.get().get(name);
            if (torch == null) {
                throw new IllegalStateException("no DARTS name for child '" + name + "' of "
                        + parent.getClass().getSimpleName());
            }
            return torch;
        }
        List<Rule> rules = RULES.get(parent.getClass());
        if (rules == null) {
            throw new IllegalStateException("no DARTS names for blocks of type " + parent.getClass().getSimpleName());
        }
        for (Rule r : rules) {
            Matcher m = r.child().matcher(name);
            if (m.matches()) {
                return m.replaceFirst(r.torchName());
            }
        }
        throw new IllegalStateException("no DARTS name for child '" + name + "' of "
                + parent.getClass().getSimpleName());
    }

    private static void collect(Block block, String prefix, Map<String, NDArray> out, NDManager manager) {
        if (block instanceof Conv2d || block instanceof Linear) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                put(out, prefix + p.getKey(), p.getValue().getArray());
            }
            return;
        }
        if (block instanceof BatchNorm) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                String name = BN_NAMES.get(p.getKey());
                if (name == null) {
                    throw new IllegalStateException("no PyTorch name for BatchNorm parameter " + p.getKey());
                }
                put(out, prefix + name, p.getValue().getArray());
            }
            put(out, prefix + "num_batches_tracked", manager.create(0L));
            return;
        }
        if (!block.getDirectParameters().isEmpty()) {
            throw new IllegalStateException(block.getClass().getSimpleName() + " holds parameters of its own");
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), prefix + childName(block, child.getKey()) + ".", out, manager);
        }
    }

    private static void put(Map<String, NDArray> out, String name, NDArray array) {
        if (out.containsKey(name)) {
            throw new IllegalStateException("parameter name " + name + " is used twice");
        }
        array.setName(name);
        out.put(name, array);
    }

    private static List<Rule> rules(String... pairs) {
        Rule[] r = new Rule[pairs.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = new Rule(Pattern.compile(pairs[2 * i]), pairs[2 * i + 1]);
        }
        return List.of(r);
    }
}
