package org.prdarts.host;

import org.prdarts.repro.ChildJvm;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineSetupTest {

    @Test
    void freshEngineRunsWithTheConfiguredThreadsAndSeed() throws Exception {
        // A second JVM, so that the engine starts after configure as it does in a real run, and
        // this test JVM's engine keeps its own settings.
        List<String> lines = new ArrayList<>();
        try (ChildJvm child = ChildJvm.start(EngineSetupMain.class, "1", "2", "4294967338")) {
            for (String line = child.readLine(); line != null; line = child.readLine()) {
                lines.add(line);
            }
            assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "child did not exit");
            assertEquals(0, child.process.exitValue(), String.join("\n", lines));
        }
        // 4294967338 = 2^32 + 42: the halves xor to 1 ^ 42 = 43.
        assertTrue(lines.contains("settings 1 2 43 PyTorch"), String.join("\n", lines));
        assertTrue(lines.contains("native 1 2 43"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("refused interOpThreads cannot become 3: "
                + "the PyTorch engine already runs 2; call EngineSetup.configure before the first "
                + "NDManager is created")), String.join("\n", lines));
    }

    @Test
    void engineSeedFoldsTheLongSeed() {
        assertEquals(42, EngineSetup.engineSeed(42));
        assertEquals(1, EngineSetup.engineSeed(1L << 32));
        assertEquals(4, EngineSetup.engineSeed(-5));
        assertEquals(Integer.MAX_VALUE, EngineSetup.engineSeed(Integer.MAX_VALUE));
    }

    @Test
    void threadCountsBelowOneAreRejectedBeforeTheEngineStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineSetup.configure(0, 1));
        assertEquals("intraOpThreads must be >= 1, found 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EngineSetup.configure(2, 0, 1));
        assertEquals("interOpThreads must be >= 1, found 0", e.getMessage());
    }
}
