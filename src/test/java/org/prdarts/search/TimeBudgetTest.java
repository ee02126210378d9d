package org.prdarts.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeBudgetTest {

    @Test
    void fitsTheEpochsThatTheRemainingTimeHolds() {
        // 600 s, first epoch 60 s: 9 more of 60 s fit
        assertEquals(10, TimeBudget.epochs(600, List.of(60.0), 0));
        // a slower second epoch sets the rate (the first one, paying for the warm-up of the engine, is
        // left out once another is timed): 600 - 130 = 470 at 70 s: 6 more
        assertEquals(8, TimeBudget.epochs(600, List.of(60.0, 70.0), 0));
    }

    @Test
    void epochsThatGetCheaperAreFittedFromTheLaterOnes() {
        // a first epoch of 15 s, then 14, 13, 12, 11, 10 s: the later half (12, 11, 10) costs 11 s each;
        // 600 - 75 = 525 -> 47 more, 53 in all (the first epoch's 15 s would have planned 40)
        List<Double> seconds = List.of(15.0, 14.0, 13.0, 12.0, 11.0, 10.0);
        assertEquals(40, TimeBudget.epochs(600, seconds.subList(0, 1), 0));
        assertEquals(53, TimeBudget.epochs(600, seconds, 0));
    }

    @Test
    void thePlanIsAdjustedAfterTheFirstEpochTheFirstSearchingOneAndAQuarterOfTheBudget() {
        // budget 400 s: a quarter is 100 s, passed during the fourth epoch of 30 s (90 -> 120)
        List<Double> seconds = List.of(30.0, 30.0, 30.0, 30.0, 30.0, 30.0);
        boolean[] expected = {true, false, false, true, false, false};
        for (int e = 0; e < seconds.size(); e++) {
            assertEquals(expected[e], TimeBudget.fitsAfter(seconds.subList(0, e + 1), 0, 400), "epoch " + e);
        }
        // with a warm-up of 2 epochs: also after the first searching epoch (the third)
        assertTrue(TimeBudget.fitsAfter(seconds.subList(0, 3), 2, 400));
        assertEquals(false, TimeBudget.fitsAfter(seconds.subList(0, 2), 2, 400));
        // a quarter passed within the first epoch: no third adjustment
        for (int e = 1; e < seconds.size(); e++) {
            assertEquals(false, TimeBudget.fitsAfter(seconds.subList(0, e + 1), 0, 60), "epoch " + e);
        }
    }

    @Test
    void aWarmupEpochIsCheaperAndIsReplacedByTheMeasuredSearchingEpoch() {
        // one warm-up epoch of 20 s timed, two more to come at 20 s, searching epochs guessed at 30 s:
        // 300 - 20 - 40 = 240 -> 8 searching epochs, 11 in all
        assertEquals(11, TimeBudget.epochs(300, List.of(20.0), 3));
        // after the first searching epoch (40 s measured): 300 - 100 = 200 -> 5 more, 9 in all
        assertEquals(9, TimeBudget.epochs(300, List.of(20.0, 20.0, 20.0, 40.0), 3));
        List<Double> warm = List.of(20.0, 20.0, 20.0, 40.0);
        assertTrue(TimeBudget.fitsAfter(warm.subList(0, 1), 3, 3000));
        assertTrue(TimeBudget.fitsAfter(warm, 3, 3000));
        assertEquals(false, TimeBudget.fitsAfter(warm.subList(0, 2), 3, 3000));
    }

    @Test
    void aBudgetTooSmallStillSearchesOneEpochAfterTheWarmup() {
        assertEquals(3, TimeBudget.epochs(10, List.of(60.0), 2));
        assertEquals(1, TimeBudget.epochs(10, List.of(60.0), 0));
        assertEquals(4, TimeBudget.epochs(10, List.of(60.0, 60.0, 60.0, 60.0), 0));
    }

    @Test
    void durationsParseAndBadOnesAreNamed() {
        assertEquals(90, TimeBudget.parseSeconds("90s"));
        assertEquals(1200, TimeBudget.parseSeconds("20m"));
        assertEquals(5400, TimeBudget.parseSeconds("1h30m"));
        assertEquals(45.5, TimeBudget.parseSeconds("45.5"));
        for (String bad : new String[] {"", "20x", "m", "0s", "-5m", "1m1h"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TimeBudget.parseSeconds(bad), bad);
            assertTrue(e.getMessage().startsWith("time must be"), e.getMessage());
        }
        assertEquals("1h 05m", TimeBudget.format(3900));
        assertEquals("9m 30s", TimeBudget.format(570));
    }

    @Test
    void theTemperatureWaitsForTheWarmupAndFallsOverTheSearchingEpochs() {
        SearchConfig sc = SearchConfig.defaults(Method.PRDARTS, 6, 8, 1).withWarmupEpochs(2);
        assertEquals(1.0, sc.tau(0, 6), 1e-12);
        assertEquals(1.0, sc.tau(2, 6), 1e-12);
        assertEquals(0.1, sc.tau(5, 6), 1e-12);
        assertEquals(4 * 10, sc.archSteps(6, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchConfig.defaults(Method.PRDARTS, 2, 8, 1).withWarmupEpochs(2));
        assertTrue(e.getMessage().startsWith("warmup-epochs must be below epochs"), e.getMessage());
    }
}
