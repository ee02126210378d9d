package org.prdarts.space.ops;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.prdarts.engine.ChannelsLast;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FactorizedReduce gives the same output, input gradient and weight gradients on a channels-last
 * input as on an NCHW one, below 16 input channels (where it picks its pixels before a stride-1
 * convolution) and from 16 on (the strided convolution), at even and odd sizes.
 */
class FactorizedReduceLayoutTest {
    /** Share of a tensor's norm; the two forms differ only in the order of a few sums. */
    private static final double RELATIVE = 1e-5;

    @Test
    void bothLayoutsGiveTheSameValuesAndGradients() {
        for (int channels : new int[] {2, 4, 6, 8, 16}) {
            for (int size : new int[] {9, 16}) {
                try (NDManager m = NDManager.newBaseManager()) {
                    FactorizedReduce op = new FactorizedReduce(channels, true);
                    NDArray x = m.randomNormal(new Shape(8, channels, size, size));
                    NDArray probe = m.randomNormal(new Shape(8, channels, (size + 1) / 2, (size + 1) / 2));
                    List<NDArray> nchw = pass(m, op, x.duplicate(), probe);
                    List<NDArray> nhwc = pass(m, op, ChannelsLast.of(x), probe);
                    assertEquals(nchw.size(), nhwc.size());
                    for (int i = 0; i < nchw.size(); i++) {
                        double norm = nchw.get(i).norm().getFloat();
                        double diff = nchw.get(i).sub(nhwc.get(i)).norm().getFloat();
                        assertTrue(norm > 0, "tensor " + i + " is zero: the comparison would prove nothing");
                        assertTrue(diff <= RELATIVE * norm, "C=" + channels + ", " + size + "x" + size + ", tensor " + i
                                + ": difference " + diff + " against norm " + norm);
                    }
                }
            }
        }
    }

    /** Output, input gradient and every weight gradient of one pass (the loss a fixed combination of the output). */
    private static List<NDArray> pass(NDManager m, FactorizedReduce op, NDArray x, NDArray probe) {
        ParameterStore ps = new ParameterStore(m, false);
        for (Pair<String, Parameter> p : op.getParameters()) {
            if (p.getValue().isInitialized() && p.getValue().getArray().hasGradient()) {
                NDArray g = p.getValue().getArray().getGradient();
                g.subi(g);
            }
        }
        x.setRequiresGradient(true);
        List<NDArray> result = new ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = op.forward(ps, new NDList(x), true).singletonOrThrow();
            gc.backward(y.mul(probe).sum());
            result.add(y.duplicate());
        }
        result.add(x.getGradient().duplicate());
        for (Pair<String, Parameter> p : op.getParameters()) {
            if (p.getValue().requiresGradient()) {
                result.add(p.getValue().getArray().getGradient().duplicate());
            }
        }
        return result;
    }
}
