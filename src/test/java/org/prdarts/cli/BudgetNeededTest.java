package org.prdarts.cli;

import org.junit.jupiter.api.Test;
import org.prdarts.search.Method;
import org.prdarts.search.SearchEpoch;
import org.prdarts.search.SearchResult;
import org.prdarts.search.derive.Decidedness;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The closing line that turns the measured rate into the searching time 2 decided nodes would need. */
class BudgetNeededTest {

    private static SearchEpoch epoch(int n, double seconds) {
        SearchEpoch.Architecture a = new SearchEpoch.Architecture(0.1, 1, 1, 1, new double[] {0}, new double[] {0}, 0,
                0, new double[] {1}, new double[] {1}, 0, 0, 0);
        return new SearchEpoch(n, Method.DARTS, 1, 0.5, 1, 0.5, 1, 0.5, Double.NaN, 0.025, seconds,
                new SearchEpoch.DartsFacts("G", 0, 0, 1, 1, 1, new float[][] {{1f}}, new float[][] {{1f}}), a);
    }

    private static SearchResult result(double[] margins) {
        Decidedness.Cell normal = new Decidedness.Cell(margins, new double[] {1}, 1, 1);
        return new SearchResult(org.prdarts.study.StudyPresets.SKIP_SPEED_BASE,
                List.of(epoch(1, 10), epoch(2, 30), epoch(3, 30)),
                Path.of("run"), 75, "synthetic", null, null, normal, normal);
    }

    @Test
    void theSearchingTimeScalesWithTheSquaredRatio() {
        double t = Decidedness.NULL_Q95_NOISE_UNITS;
        // second-largest margin t / 2: 4 times the 60 s of the 2 searching epochs after a 1-epoch warm-up
        String line = SearchCommand.budgetNeeded(result(new double[] {2 * t, t / 2, 0, 0}), 1);
        assertEquals("budget: at this run's rate, 2 normal nodes would pass the null after about 4m 00s of "
                + "searching (4.0 times this run's 1m 00s; an extrapolation from one run, e.g. --time 5m with the "
                + "same warm-up)", line);
    }

    @Test
    void nothingIsSaidWhenTwoNodesPassOrNoRateIsMeasured() {
        double t = Decidedness.NULL_Q95_NOISE_UNITS;
        assertNull(SearchCommand.budgetNeeded(result(new double[] {2 * t, 2 * t, 0, 0}), 1));
        assertNull(SearchCommand.budgetNeeded(result(new double[] {2 * t, 0, 0, 0}), 1));
    }
}
