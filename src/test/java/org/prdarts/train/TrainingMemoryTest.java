package org.prdarts.train;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.prdarts.repro.MemoryEstimate;
import org.prdarts.space.Genotype;
import org.prdarts.space.Genotypes;

import java.lang.reflect.Field;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training memory estimate against the tensors a real forward pass creates. */
class TrainingMemoryTest {

    private static NetworkConfig config(Genotype g, boolean aux, double dropPath) {
        return new NetworkConfig(g, 1, 12, 12, 10, 4, 5, aux, false, dropPath);
    }

    @Test
    void forwardElementsMatchTheTensorsOfATrainingPass() throws Exception {
        for (Genotype g : new Genotype[] {Genotypes.PRDARTS, Genotypes.DARTS_V2, Genotypes.DARTS_V1}) {
            for (boolean aux : new boolean[] {false, true}) {
                for (double dropPath : new double[] {0, 0.2}) {
                    NetworkConfig cfg = config(g, aux, dropPath);
                    double counted = countedElements(cfg, 3) / 3.0;
                    double estimated = TrainingMemory.forwardElements(cfg);
                    assertEquals(1.0, estimated / counted, 0.06, g + " aux " + aux + " drop path " + dropPath
                            + ": estimated " + estimated + " elements per image, the pass created " + counted);
                }
            }
        }
    }

    @Test
    void dropPathAndTheAuxiliaryHeadAddTensors() {
        double plain = TrainingMemory.forwardElements(config(Genotypes.PRDARTS, false, 0));
        assertTrue(TrainingMemory.forwardElements(config(Genotypes.PRDARTS, false, 0.2)) > plain);
        assertTrue(TrainingMemory.forwardElements(config(Genotypes.PRDARTS, true, 0)) > plain);
    }

    @Test
    void activationsScaleWithTheBatchAndDataAddsToTheRuntime() {
        NetworkConfig cfg = config(Genotypes.PRDARTS, true, 0);
        MemoryEstimate one = TrainingMemory.estimate(cfg, 32, 0);
        MemoryEstimate two = TrainingMemory.estimate(cfg, 64, 1000);
        assertEquals(2.0, (double) two.activationBytes() / one.activationBytes(), 1e-3);
        assertEquals(one.parameterBytes(), two.parameterBytes());
        assertEquals(one.runtimeBytes() + 2250, two.runtimeBytes());
        // weights, BN statistics, gradient, momentum and update temporaries of every trainable scalar
        long trainable = NetworkSize.of(cfg).totalParams();
        assertEquals(2 * trainable * 4, one.parameterBytes());
        assertEquals(trainable * (2 + MemoryEstimate.UPDATE_TEMPORARIES) * 4, one.optimizerBytes());
        assertThrows(IllegalArgumentException.class, () -> TrainingMemory.estimate(cfg, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> TrainingMemory.estimate(cfg, 8, -1));
    }

    /** Elements of every tensor a training forward pass of a batch leaves in its manager. */
    private static long countedElements(NetworkConfig cfg, int batch) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            DerivedNetwork net = new DerivedNetwork(cfg);
            net.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            try (NDManager scratch = m.newSubManager()) {
                // the pass's tensors join the manager of its input
                NDArray x = scratch.randomNormal(new Shape(batch, cfg.inputChannels(), cfg.inputHeight(),
                        cfg.inputWidth()));
                int sites = net.cells().stream().mapToInt(DerivedCell::sites).sum();
                DropPath drop = DropPath.draw(scratch, 1, 0, 0, sites, batch, cfg.dropPath());
                net.forward(ps, x, drop, true);
                Field f = BaseNDManager.class.getDeclaredField("resources");
                f.setAccessible(true);
                long n = -x.size() - (drop == null ? 0 : drop.masks().size());
                for (Object r : ((Map<?, ?>) f.get(scratch)).values()) {
                    if (r instanceof NDArray a) {
                        n += a.size();
                    }
                }
                return n;
            }
        }
    }
}
