package org.prdarts.host;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MemoryProbeTest {

    private static final String STATUS = "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t   2048 kB\n"
            + "VmRSS:\t    1500 kB\nThreads:\t12\nVmOdd:\t12 MB\n";

    @Test
    void parsesKilobyteFieldsIntoBytes() {
        assertEquals(OptionalLong.of(2048L * 1024), MemoryProbe.parseStatusField(STATUS, "VmHWM"));
        assertEquals(OptionalLong.of(1500L * 1024), MemoryProbe.parseStatusField(STATUS, "VmRSS"));
        assertEquals(OptionalLong.empty(), MemoryProbe.parseStatusField(STATUS, "VmSwap"));
        assertEquals(OptionalLong.empty(), MemoryProbe.parseStatusField(STATUS, "Threads"));
        assertEquals(OptionalLong.empty(), MemoryProbe.parseStatusField(STATUS, "VmOdd"));
    }

    @Test
    void liveValuesArePlausibleOnLinux() {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no procfs");
        long rss = MemoryProbe.residentBytes().orElseThrow();
        long peak = MemoryProbe.peakResidentBytes().orElseThrow();
        // A JVM running JUnit is resident with at least a few megabytes.
        assertTrue(rss > 4L << 20, "rss " + rss);
        assertTrue(peak >= rss, "peak " + peak + " < rss " + rss);
    }
}
