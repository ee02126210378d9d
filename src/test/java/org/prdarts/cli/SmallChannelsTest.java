package org.prdarts.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.SharedLibraries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Searches and trainings at 2 to 8 channels, on grey and colour input, leave the heap intact.
 * The engine's channels-last weight gradient of a stride-2 1x1 convolution with fewer than 16
 * input channels wrote past its workspace on AVX-512 CPUs (see FactorizedReduce); glibc's checking
 * allocator turns such a write into an abort at the next free, so on those CPUs this test fails
 * without the workaround (checked: exit 134, "free(): invalid pointer", at the first search).
 */
class SmallChannelsTest {

    @Test
    void smallChannelCountsRunUnderTheCheckingAllocator(@TempDir Path dir) throws Exception {
        Path debugMalloc = SharedLibraries.find("libc_malloc_debug.so.0");
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || debugMalloc != null, "glibc's libc_malloc_debug.so.0 is not installed");
        assertNotNull(debugMalloc, "glibc 2.34 or later ships libc_malloc_debug.so.0, but ldconfig lists none");

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Xmx1g", "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
                "-cp", System.getProperty("java.class.path"), SmallChannelsMain.class.getName(),
                dir.resolve("runs").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        pb.environment().put("LD_PRELOAD", debugMalloc.toString());
        pb.environment().put("MALLOC_CHECK_", "3");
        Process p = pb.start();
        assertTrue(p.waitFor(8, TimeUnit.MINUTES), "the child JVM did not end");

        String log = Files.readString(dir.resolve("child.log"));
        String tail = log.substring(Math.max(0, log.length() - 2000));
        assertEquals(0, p.exitValue(), tail);
        assertTrue(log.contains("ok 16 runs"), tail);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList());
        }
    }
}
