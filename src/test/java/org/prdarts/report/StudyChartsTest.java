package org.prdarts.report;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a study's page writes its summary values. */
class StudyChartsTest {

    record Interval(double mean, double low, double high) {
    }

    @Test
    void numbersKeepFourSignificantDigitsWithoutTrailingZeros() {
        assertEquals("0.9246", StudyCharts.significant(0.9245541666666667));
        assertEquals("3596", StudyCharts.significant(3595.601872988));
        assertEquals("8", StudyCharts.significant(8.0));
        assertEquals("0.02", StudyCharts.significant(0.0200000001));
        assertEquals("1.25e-05", StudyCharts.significant(1.2499999999970868e-05));
        assertEquals("-", StudyCharts.significant(Double.NaN));
    }

    @Test
    void aNestedValueIsWrittenOneMemberPerLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", "no conclusion at this budget");
        m.put("differenceToRandom", new Interval(1.25e-5, -0.0022666, 0.0016979));
        m.put("decidedNodesNormal", List.of(1, 4, 1));
        assertEquals(String.join("\n", "verdict: no conclusion at this budget", "differenceToRandom:",
                "  mean: 1.25e-05", "  low: -0.002267", "  high: 0.001698", "decidedNodesNormal: 1, 4, 1"),
                StudyCharts.text(m));
        assertEquals("0.1667", StudyCharts.text(0.16666666666666666));
        assertEquals("a, 2", StudyCharts.text(List.of("a", 2)));
    }
}
