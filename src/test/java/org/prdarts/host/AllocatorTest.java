package org.prdarts.host;

import org.prdarts.repro.SharedLibraries;

import org.prdarts.repro.ChildJvm;


import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The allocator is read from the process's mapped libraries; a preloaded tcmalloc is seen. */
class AllocatorTest {

    @Test
    void mappedLibrariesNameTheAllocator() {
        String glibc = "7f2a1c000000-7f2a1c022000 r--p 00000000 08:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6";
        String tcmalloc = "7f2a1d000000-7f2a1d010000 r-xp 00000000 08:01 99 "
                + "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10";
        String jemalloc = "7f2a1e000000-7f2a1e010000 r-xp 00000000 08:01 98 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
        assertEquals("glibc malloc", Allocator.name(List.of(glibc, "[heap]")));
        assertEquals("tcmalloc", Allocator.name(List.of(glibc, tcmalloc)));
        assertEquals("jemalloc", Allocator.name(List.of(jemalloc, glibc)));
        assertEquals("glibc malloc", Allocator.name(List.of()));
    }

    @Test
    void thisProcessRunsOnGlibcUnlessAnotherIsPreloaded() {
        String preload = System.getenv("LD_PRELOAD");
        assumeTrue(preload == null || preload.isEmpty(), "the tests themselves run with LD_PRELOAD=" + preload);
        assertEquals("glibc malloc", Allocator.current());
    }

    /** Prints the allocator of its own process (the child below). */
    public static void main(String[] args) {
        System.out.println(Allocator.current());
    }

    @Test
    void aPreloadedTcmallocIsSeen() throws Exception {
        Path lib = SharedLibraries.find("libtcmalloc_minimal.so.4");
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || lib != null, "libtcmalloc-minimal4 is not installed");
        assertNotNull(lib, "CI installs libtcmalloc-minimal4 (.ci/run), but ldconfig lists no libtcmalloc_minimal.so.4");
        assertEquals("tcmalloc", ChildJvm.firstLine(AllocatorTest.class, List.of("-Xmx64m"),
                Map.of("LD_PRELOAD", lib.toString())));
    }
}
