package org.prdarts.study;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordsStatsTest {
    @Test
    void intervalOfTheMean() {
        // mean 2.5, sd sqrt(5/3), half width t(3) * sd / 2 = 3.182 * 0.6455 = 2.054
        Records.Stats s = Records.Stats.of(new double[] {1, 2, 3, 4});
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-12);
        assertEquals(2.5 - 3.182 * Math.sqrt(5.0 / 3) / 2, s.ci95Low(), 1e-12);
        assertEquals(2.5 + 3.182 * Math.sqrt(5.0 / 3) / 2, s.ci95High(), 1e-12);
        assertTrue(Double.isNaN(Records.Stats.of(new double[] {1}).ci95Low()));
    }

    @Test
    void pairedDifferenceAndItsVerdict() {
        // differences 1, 1, 1: sd 0, the interval is the point 1
        Records.Paired up = Records.Paired.of("b - a", new double[] {1, 2, 3}, new double[] {2, 3, 4});
        assertEquals(1.0, up.stats().mean(), 1e-12);
        assertEquals("positive at 95 %", up.conclusion());
        // differences 1, -1: the interval holds 0
        Records.Paired none = Records.Paired.of("b - a", new double[] {0, 0}, new double[] {1, -1});
        assertEquals(Records.Paired.NO_CONCLUSION, none.conclusion());
        // one seed: no interval, no conclusion
        assertEquals(Records.Paired.NO_CONCLUSION,
                Records.Paired.of("b - a", new double[] {0}, new double[] {5}).conclusion());
        assertEquals(1.960 + 0.082 * 30 / 60, Records.t975(60), 1e-12);
    }
}
