package org.prdarts.host;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cgroup limit read from fixture files laid out as the kernel shows them. */
class CgroupMemoryTest {
    private static final long MIB = 1L << 20;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void v2LimitOfTheProcessGroupLessUsagePlusReclaimableCache(@TempDir Path root) throws IOException {
        Path group = root.resolve("kubepods/pod1/ctr");
        write(group.resolve("memory.max"), "2147483648\n");            // 2 GiB
        write(group.resolve("memory.current"), Long.toString(600 * MIB) + "\n");
        write(group.resolve("memory.stat"), "anon 400000000\nfile 200000000\ninactive_file " + 100 * MIB + "\n");
        assertEquals(OptionalLong.of(2048 * MIB - 600 * MIB + 100 * MIB),
                CgroupMemory.availableBytes(root, "0::/kubepods/pod1/ctr\n"));
    }

    @Test
    void aTighterParentLimitWinsAndMaxMeansNoLimit(@TempDir Path root) throws IOException {
        write(root.resolve("slice/memory.max"), Long.toString(1024 * MIB));
        write(root.resolve("slice/memory.current"), Long.toString(900 * MIB));
        write(root.resolve("slice/run/memory.max"), "max\n");
        write(root.resolve("slice/run/memory.current"), Long.toString(100 * MIB));
        assertEquals(OptionalLong.of(124 * MIB), CgroupMemory.availableBytes(root, "0::/slice/run"));
        write(root.resolve("slice/memory.max"), "max\n");
        assertEquals(OptionalLong.empty(), CgroupMemory.availableBytes(root, "0::/slice/run"));
    }

    @Test
    void aNamespacedContainerSeesItsGroupAtTheRoot(@TempDir Path root) throws IOException {
        write(root.resolve("memory.max"), Long.toString(512 * MIB));
        write(root.resolve("memory.current"), Long.toString(12 * MIB));
        // the path in /proc/self/cgroup is the host's view and does not exist here
        assertEquals(OptionalLong.of(500 * MIB), CgroupMemory.availableBytes(root, "0::/../pod7\n"));
    }

    @Test
    void v1MemoryController(@TempDir Path root) throws IOException {
        Path group = root.resolve("memory/docker/abc");
        write(group.resolve("memory.limit_in_bytes"), Long.toString(3072 * MIB));
        write(group.resolve("memory.usage_in_bytes"), Long.toString(1024 * MIB));
        write(group.resolve("memory.stat"), "cache 1\ntotal_inactive_file " + 24 * MIB + "\n");
        // the v1 "no limit" value at the hierarchy's root
        write(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712");
        assertEquals(OptionalLong.of(2072 * MIB),
                CgroupMemory.availableBytes(root, "12:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n0::/\n"));
    }

    @Test
    void noCgroupFilesNoLimit(@TempDir Path root) throws IOException {
        assertEquals(OptionalLong.empty(), CgroupMemory.availableBytes(root, ""));
    }
}
