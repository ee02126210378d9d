package org.prdarts.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine workarounds: where their arrays live, their values, and a gradient through them. */
class EngineWorkaroundsTest {

    @Test
    void constantsLiveInTheOperandsManagerWithItsTypeAndShape() {
        try (NDManager m = NDManager.newBaseManager(); NDManager step = m.newSubManager()) {
            NDArray x = step.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray s = Constants.scalar(x, 0.5);
            assertSame(step, s.getManager());
            assertEquals(DataType.FLOAT32, s.getDataType());
            assertEquals(new Shape(), s.getShape());
            NDArray f = Constants.filled(x, 3);
            assertSame(step, f.getManager());
            assertArrayEquals(new float[] {3, 3, 3, 3}, f.toFloatArray());
            NDArray d = step.create(new double[] {1, 2}, new Shape(2));
            NDArray c = Constants.like(d, new double[] {0.25, -1});
            assertEquals(DataType.FLOAT64, c.getDataType());
            assertArrayEquals(new double[] {0.25, -1}, c.toDoubleArray());
            assertEquals(DataType.FLOAT16, Constants.scalar(x.toType(DataType.FLOAT16, false), 2).getDataType());
        }
    }

    @Test
    void aConstantFactorCarriesTheGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(x.mul(Constants.scalar(x, 0.4)).mul(Constants.filled(x, 2)).sum());
            }
            assertArrayEquals(new float[] {0.8f, 0.8f, 0.8f}, x.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void scratchMovesATemporaryToTheStepsManager() {
        try (NDManager model = NDManager.newBaseManager()) {
            NDArray weight = model.ones(new Shape(3));
            NDArray temporary;
            try (NDManager step = model.newSubManager()) {
                temporary = Scratch.on(step, weight.mul(2));
                assertSame(step, temporary.getManager());
                assertFalse(temporary.isReleased());
            }
            assertTrue(temporary.isReleased(), "closing the step's manager frees the temporary");
            assertFalse(weight.isReleased());
        }
    }
}
