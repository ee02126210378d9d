package org.prdarts.train;

import org.junit.jupiter.api.Test;
import org.prdarts.space.Genotypes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The presets say what the README and the help promise. */
class TrainPresetsTest {

    @Test
    void quickIsTheFiveEpochFashionMnistRecipe() {
        TrainJob j = TrainPresets.job("quick", "fashion-mnist", "PRDARTS", Genotypes.PRDARTS);
        assertEquals(8, j.channels());
        assertEquals(5, j.layers());
        assertEquals(5, j.train().epochs());
        assertEquals(96, j.train().batchSize());
        assertEquals(0.1, j.train().lr(), 1e-12);
        assertEquals(0, j.train().dropPath(), 1e-12);
        assertEquals(0.4, j.train().auxiliaryWeight(), 1e-12);
        assertEquals("cpu", j.device());
        assertFalse(j.data().augment());
    }

    @Test
    void paperKeepsTheSpecRecipe() {
        TrainJob j = TrainPresets.job("paper", "cifar10", "PRDARTS", Genotypes.PRDARTS);
        assertEquals(36, j.channels());
        assertEquals(20, j.layers());
        assertEquals(600, j.train().epochs());
        assertEquals(0.025, j.train().lr(), 1e-12);
        assertEquals(0.2, j.train().dropPath(), 1e-12);
        assertEquals(16, j.data().cutout());
        assertTrue(j.data().augment());
    }

    @Test
    void unknownPresetIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainPresets.job("fast", "fashion-mnist", "PRDARTS", Genotypes.PRDARTS));
        assertEquals("preset must be one of quick, cpu, paper, found 'fast'", e.getMessage());
    }
}
