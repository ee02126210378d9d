package org.prdarts.search;

import org.junit.jupiter.api.Test;
import org.prdarts.repro.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An epoch record is one flat metrics line in a fixed field order, and reads back as the same record. */
class SearchEpochTest {

    private static final SearchEpoch.Architecture ARCH = new SearchEpoch.Architecture(0.5, 0.25, 1.5, 2.5,
            new double[] {0.1, 0.2}, new double[] {0.3, 0.4}, 1, 2, new double[] {0.7}, new double[] {0.8},
            0.0625, 2, 1);

    @Test
    void dartsRecordIsOneFlatLineInTheFilesOrder() {
        SearchEpoch e = new SearchEpoch(3, Method.DARTS, 2.5, 0.125, 2.25, 0.25, 2.5, 0.5, Double.NaN, 0.025, 1.5,
                new SearchEpoch.DartsFacts("G", 1, 0, 2, 1, 0, new float[][] {{0.5f, 0.25f}}, new float[][] {{1f, 0f}}), ARCH);
        String line = Json.toCompactJson(e);
        assertEquals("{\"epoch\":3,\"method\":\"darts\",\"trainLoss\":2.5,\"trainAcc\":0.125,\"validLoss\":2.25,"
                + "\"validAcc\":0.25,\"derivedHeldOutLoss\":2.5,\"derivedHeldOutAcc\":0.5,\"archHessianEigenvalue\":null,\"lr\":0.025,\"seconds\":1.5,\"genotype\":\"G\",\"skipNormal\":1,\"skipReduce\":0,"
                + "\"nodeDepthNormal\":2,\"parametricDepthNormal\":1,\"parametricDepthReduce\":0,\"weightsNormal\":[[0.5,0.25]],\"weightsReduce\":[[1.0,0.0]],\"archLr\":0.5,"
                + "\"archNoise\":0.25,\"archSpreadNormal\":1.5,\"archSpreadReduce\":2.5,\"marginsNormal\":[0.1,0.2],"
                + "\"marginsReduce\":[0.3,0.4],\"decidedNodesNormal\":1,\"decidedNodesReduce\":2,"
                + "\"entropyNormal\":[0.7],\"entropyReduce\":[0.8],\"nullThreshold\":0.0625,\"decidedBeyondNullNormal\":2,"
                + "\"decidedBeyondNullReduce\":1}", line);
        SearchEpoch back = Json.fromJson(line, SearchEpoch.class);
        assertEquals(line, Json.toCompactJson(back));
        SearchEpoch.DartsFacts f = assertInstanceOf(SearchEpoch.DartsFacts.class, back.facts());
        assertArrayEquals(new float[] {0.5f, 0.25f}, f.scoresNormal()[0]);
        assertEquals(2, back.architecture().decidedNodesReduce());
    }

    @Test
    void prdartsRecordKeepsItsRegularizersInOrderAndNonFiniteValuesAsNull() {
        Map<String, Double> regs = new LinkedHashMap<>();
        regs.put("skip", 0.5);
        regs.put("nonSkip", 0.25);
        regs.put("path", -1.0);
        SearchEpoch e = new SearchEpoch(1, Method.PRDARTS, Double.NaN, 0.5, 1.0, 0.5, 1.5, 0.25, 4.0, 0.025, 2.0,
                new SearchEpoch.PrDartsFacts(0.1, "G", 0, 1, 3, 2, 1, "R", 1, 2, 1, regs, -0.5, 0.25, 0.5, 0.125,
                        0.75, 0.875, 0.5, 0.625, 0.5, 0.25, 0.75, 0.125, new float[][] {{2f}},
                        new float[][] {{1f}}, new float[][] {{0.9f}}, new float[][] {{0.8f}},
                        Map.of("crossEntropy", 1.0)), ARCH);
        String line = Json.toCompactJson(e);
        assertTrue(line.startsWith("{\"epoch\":1,\"method\":\"prdarts\",\"trainLoss\":null,\"trainAcc\":0.5,"), line);
        assertTrue(line.contains(",\"seconds\":2.0,\"tau\":0.1,\"genotype\":\"G\","), line);
        assertTrue(line.contains("\"regularizers\":{\"skip\":0.5,\"nonSkip\":0.25,\"path\":-1.0},\"meanBetaSkipNormal\""),
                line);
        SearchEpoch back = Json.fromJson(line, SearchEpoch.class);
        assertTrue(Double.isNaN(back.trainLoss()));
        SearchEpoch.PrDartsFacts f = assertInstanceOf(SearchEpoch.PrDartsFacts.class, back.facts());
        assertEquals(List.of("skip", "nonSkip", "path"), List.copyOf(f.regularizers().keySet()));
        assertEquals(0.1, f.tau());
        assertEquals(line, Json.toCompactJson(back));
    }
}
