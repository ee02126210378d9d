package org.prdarts.host;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.List;
import java.util.Locale;

/**
 * The JVM's garbage collector and heap bounds, as the launcher sets them: the Java heap holds the
 * data set and each step's short-lived objects, and how much of it stays resident depends on the
 * collector (docs/performance.md, "Java heap").
 */
public final class JavaHeap {

    private JavaHeap() {
    }

    /** E.g. "serial collector, young generation 32 MiB, at most 4096 MiB". */
    public static String describe() {
        List<String> names = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList();
        long young = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String n = pool.getName();
            if (n.contains("Eden") || n.contains("Survivor")) {
                long max = pool.getUsage().getMax();
                if (max < 0) {
                    young = -1;
                    break;
                }
                // one pool stands for the two survivor spaces (G1 sizes its own and reports no bound above)
                young += n.contains("Survivor") ? 2 * max : max;
            }
        }
        return describe(collector(names), young, maxHeapBytes());
    }

    /** The heap's bound as the JVM was given it (-Xmx), where HotSpot says; else what the runtime reports. */
    private static long maxHeapBytes() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Long.parseLong(hotspot.getVMOption("MaxHeapSize").getValue());
        } catch (RuntimeException e) {
            return Runtime.getRuntime().maxMemory();
        }
    }

    /** One line from the collector's name, the young generation's bytes (< 0: sized by the collector) and the heap's bound. */
    static String describe(String collector, long youngBytes, long maxHeapBytes) {
        StringBuilder s = new StringBuilder(collector).append(" collector");
        if (youngBytes >= 0 && !collector.equals("G1")) {
            s.append(String.format(Locale.ROOT, ", young generation %d MiB", Math.round(youngBytes / 1048576.0)));
        }
        return s.append(String.format(Locale.ROOT, ", at most %d MiB", maxHeapBytes >> 20)).toString();
    }

    /** The collector named by the JVM's collector beans: serial, parallel, G1, ZGC, Shenandoah. */
    static String collector(List<String> beanNames) {
        for (String n : beanNames) {
            if (n.equals("Copy") || n.equals("MarkSweepCompact")) {
                return "serial";
            }
            if (n.startsWith("PS ")) {
                return "parallel";
            }
            if (n.startsWith("G1 ")) {
                return "G1";
            }
            if (n.startsWith("ZGC")) {
                return "ZGC";
            }
            if (n.startsWith("Shenandoah")) {
                return "Shenandoah";
            }
        }
        return beanNames.isEmpty() ? "unknown" : String.join("/", beanNames);
    }
}
