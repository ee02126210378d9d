package org.prdarts.host;

import org.prdarts.repro.ChildJvm;


import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector and heap bounds are read from the JVM; the launcher's options give the serial collector. */
class JavaHeapTest {

    @Test
    void collectorBeansNameTheCollector() {
        assertEquals("serial", JavaHeap.collector(List.of("Copy", "MarkSweepCompact")));
        assertEquals("G1", JavaHeap.collector(List.of("G1 Young Generation", "G1 Concurrent GC", "G1 Old Generation")));
        assertEquals("parallel", JavaHeap.collector(List.of("PS Scavenge", "PS MarkSweep")));
        assertEquals("ZGC", JavaHeap.collector(List.of("ZGC Cycles", "ZGC Pauses")));
        assertEquals("Epsilon", JavaHeap.collector(List.of("Epsilon")));
        assertEquals("unknown", JavaHeap.collector(List.of()));
    }

    @Test
    void describeNamesTheYoungGenerationOnlyWhereItIsFixed() {
        assertEquals("serial collector, young generation 32 MiB, at most 4096 MiB",
                JavaHeap.describe("serial", 32L << 20, 4096L << 20));
        assertEquals("G1 collector, at most 384 MiB", JavaHeap.describe("G1", 24L << 20, 384L << 20));
        assertEquals("parallel collector, at most 1024 MiB", JavaHeap.describe("parallel", -1, 1024L << 20));
    }

    /** Prints this process's heap (the child below). */
    public static void main(String[] args) {
        System.out.println(JavaHeap.describe());
    }

    @Test
    void theLaunchersOptionsGiveTheSerialCollectorWithAFixedYoungGeneration() throws Exception {
        String launcher = Files.readString(Path.of("prdarts"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("java_opts\\+=\\((-XX:\\+Use\\w+GC[^)]*)\\)").matcher(launcher);
        assertTrue(m.find(), "the launcher sets no garbage collector");
        List<String> options = new ArrayList<>(List.of("-Xmx256m"));
        options.addAll(List.of(m.group(1).trim().split("\\s+")));
        assertEquals("serial collector, young generation 32 MiB, at most 256 MiB",
                ChildJvm.firstLine(JavaHeapTest.class, options, Map.of()));
    }
}
