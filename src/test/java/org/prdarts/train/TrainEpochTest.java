package org.prdarts.train;

import org.junit.jupiter.api.Test;
import org.prdarts.repro.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A training epoch record is the metrics line the report, study and Katib code read, and reads back. */
class TrainEpochTest {

    @Test
    void isTheMetricsLineInItsOrderAndReadsBack() {
        TrainEpoch e = new TrainEpoch(2, 1.5, 0.25, Double.POSITIVE_INFINITY, 0.125, 0.025, 0.1, 3.5);
        String line = Json.toCompactJson(e);
        assertEquals("{\"epoch\":2,\"trainLoss\":1.5,\"trainAcc\":0.25,\"testLoss\":null,\"testAcc\":0.125,"
                + "\"lr\":0.025,\"dropPath\":0.1,\"seconds\":3.5}", line);
        TrainEpoch back = Json.fromJson(line, TrainEpoch.class);
        assertTrue(Double.isNaN(back.testLoss()), "a non-finite value is written as null and read as NaN");
        assertEquals(new TrainEpoch(2, 1.5, 0.25, Double.NaN, 0.125, 0.025, 0.1, 3.5), back);
    }
}
