package org.prdarts.search;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.prdarts.space.ops.Primitives;
import org.prdarts.supernet.SupernetConfig;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each method constant makes its own strategy and names its own facts record. */
class MethodTest {

    @Test
    void eachMethodMakesAStrategyOfItself() {
        SupernetConfig net = new SupernetConfig(1, 10, 4, 3, 1, Primitives.DARTS);
        for (Method m : Method.values()) {
            try (NDManager manager = NDManager.newBaseManager()) {
                assertEquals(m, m.strategy(SearchConfig.defaults(m, 1, 4, 1), 3e-4, net, manager, 8, 8).method());
            }
            assertEquals(m, Method.parse("method", m.label()));
            assertTrue(SearchEpoch.Facts.class.isAssignableFrom(m.factsType()), m.label());
        }
        assertEquals(Method.values().length, Arrays.stream(Method.values()).map(Method::factsType).distinct().count());
        assertEquals("PR-DARTS", Method.PRDARTS.displayName());
    }

    @Test
    void aStrategyIsNotMadeFromAnotherMethodsConfig() {
        SupernetConfig net = new SupernetConfig(1, 10, 4, 3, 1, Primitives.DARTS);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals("config method must be darts, found prdarts", assertThrows(IllegalArgumentException.class,
                    () -> Method.DARTS.strategy(SearchConfig.defaults(Method.PRDARTS, 1, 4, 1), 3e-4, net, manager, 8, 8))
                    .getMessage());
        }
    }
}
