package org.prdarts.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.space.ops.Primitives;
import org.prdarts.supernet.SupernetConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupernetBenchmarkTest {
    @Test
    void timesBothStepsAndProfilesOneMoreWeightStep(@TempDir Path dir) throws IOException {
        SupernetConfig net = new SupernetConfig(1, 3, 4, 2, 2, Primitives.DARTS);
        SearchConfig sc = SearchConfig.defaults(Method.DARTS, 3, 4, 1);
        Path profile = dir.resolve("tiny-darts.json");
        SupernetBenchmark.Result r = SupernetBenchmark.run("darts", m -> Search.create(sc, net, m, 8, 8), net,
                4, 8, 8, 0, 1, 1, profile);
        assertEquals(1, r.steps());
        assertTrue(r.weightStepMs() > 0 && r.archStepMs() > 0, r.toString());
        assertEquals(r.weightStepMs() + r.archStepMs(), r.totalStepMs(), 1e-9);
        // the engine's Chrome trace (a JSON list of events) of the weight step, backward pass included
        String trace = Files.readString(profile).strip();
        assertTrue(trace.startsWith("[") && trace.endsWith("]"), "a JSON list");
        assertTrue(trace.contains("\"ph\": \"X\"") && trace.contains("aten::convolution_backward"), "timed events");
        assertFalse(Files.exists(dir.resolve("tiny-darts.json.partial")), "written under a temporary name");
    }
}
